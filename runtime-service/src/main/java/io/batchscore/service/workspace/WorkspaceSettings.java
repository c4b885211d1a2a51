package io.batchscore.service.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.batchscore.service.api.WorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The settings kept in the workspace folder ({@code workspace.json}), outside the database since
 * one of them says where the database is.
 *
 * @param database the JDBC URL; null means SQLite in {@code workspace.db}
 * @param serverAddress where scoring and studio URIs point
 * @param maxConcurrentJobs jobs run at once
 * @param jobRetentionDays finished jobs older than this are cleaned up; 0 keeps them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceSettings(
    String database, String serverAddress, int maxConcurrentJobs, int jobRetentionDays) {

  /** The file name in the workspace folder. */
  public static final String FILE = "workspace.json";

  /** The default server address. */
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8765";

  /** @return the defaults: SQLite, the default server address, one job at a time, keep jobs */
  public static WorkspaceSettings defaults() {
    return new WorkspaceSettings(null, DEFAULT_SERVER, 1, 0);
  }

  /**
   * @param dir the workspace folder
   * @return its settings, or the defaults when it has none yet
   */
  public static WorkspaceSettings load(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return defaults();
    }
    try {
      WorkspaceSettings s = Json.MAPPER.readValue(file.toFile(), WorkspaceSettings.class);
      return new WorkspaceSettings(
          s.database,
          s.serverAddress == null ? DEFAULT_SERVER : s.serverAddress,
          Math.max(1, s.maxConcurrentJobs),
          Math.max(0, s.jobRetentionDays));
    } catch (IOException e) {
      throw WorkspaceException.badRequest(
          file
              + ": cannot read the workspace settings: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /**
   * Writes the settings (to a temporary file, then renamed).
   *
   * @param dir the workspace folder
   */
  public void save(Path dir) {
    try {
      Path tmp = dir.resolve(FILE + ".tmp");
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
      Files.move(
          tmp,
          dir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }

  /**
   * @param dir the workspace folder
   * @return the JDBC URL: the one set, or SQLite in the folder
   */
  public String jdbcUrl(Path dir) {
    return database != null
        ? database
        : "jdbc:sqlite:" + dir.toAbsolutePath().resolve("workspace.db");
  }
}
