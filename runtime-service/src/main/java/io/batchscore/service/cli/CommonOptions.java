package io.batchscore.service.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every workspace verb takes. */
public final class CommonOptions {

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description =
          "The workspace folder (default: $BATCHSCORE_WORKSPACE, else"
              + " ~/.batchscore/workspace).")
  Path workspace;

  @Option(
      names = "--database",
      paramLabel = "JDBC-URL",
      description =
          "Keep the workspace's records in this database from now on"
              + " (jdbc:postgresql://HOST/DB?user=U for a shared service; default SQLite in the"
              + " workspace folder).")
  String database;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "json (default), tsv or table.")
  String output;

  @Option(
      names = "--query",
      paramLabel = "JMESPATH",
      description = "A JMESPath expression applied to the result, e.g. --query scoring_uri.")
  String query;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Work against a batchscore serve instead of a folder (default:"
              + " $BATCHSCORE_URL); token from $BATCHSCORE_TOKEN or ~/.batchscore/credentials.")
  String url;

  /** @return the server to work against, or {@code null} for a local workspace */
  String serverUrl() {
    if (url != null) {
      return url;
    }
    String env = System.getenv("BATCHSCORE_URL");
    return env == null || env.isBlank() ? null : env;
  }

  /** @return the workspace folder to open */
  Path workspaceDir() {
    if (workspace != null) {
      return workspace;
    }
    String env = System.getenv("BATCHSCORE_WORKSPACE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".batchscore", "workspace");
  }
}
