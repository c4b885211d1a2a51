package io.batchscore.service.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code endpoints} table. */
public final class EndpointRepository {

  /**
   * An endpoint's row.
   *
   * @param name its name
   * @param description free text, or null
   * @param authMode {@code aad_token} or {@code key}
   * @param defaultDeployment its default deployment, or null
   * @param tags free key/value pairs
   * @param createdAt ISO-8601
   */
  public record Row(
      String name,
      String description,
      String authMode,
      String defaultDeployment,
      Map<String, String> tags,
      String createdAt) {}

  private static final String COLUMNS =
      "name, description, auth_mode, default_deployment, tags," + " created_at";

  private EndpointRepository() {}

  /**
   * @param h a handle
   * @param e the endpoint
   */
  public static void insert(Handle h, Row e) {
    h.createUpdate(
            "INSERT INTO endpoints ("
                + COLUMNS
                + ") VALUES (:name, :description,"
                + " :authMode, :defaultDeployment, :tags, :createdAt)")
        .bind("name", e.name())
        .bind("description", e.description())
        .bind("authMode", e.authMode())
        .bind("defaultDeployment", e.defaultDeployment())
        .bind("tags", Json.write(e.tags()))
        .bind("createdAt", e.createdAt())
        .execute();
  }

  /**
   * @param h a handle
   * @param e the endpoint's new values
   */
  public static void update(Handle h, Row e) {
    h.createUpdate(
            "UPDATE endpoints SET description = :description, auth_mode = :authMode,"
                + " default_deployment = :defaultDeployment, tags = :tags WHERE name = :name")
        .bind("name", e.name())
        .bind("description", e.description())
        .bind("authMode", e.authMode())
        .bind("defaultDeployment", e.defaultDeployment())
        .bind("tags", Json.write(e.tags()))
        .execute();
  }

  /**
   * @param h a handle
   * @param name an endpoint's name
   * @return it
   */
  public static Optional<Row> find(Handle h, String name) {
    return h.createQuery("SELECT " + COLUMNS + " FROM endpoints WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /**
   * @param h a handle
   * @return every endpoint
   */
  public static List<Row> list(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM endpoints ORDER BY created_at, name")
        .map((rs, ctx) -> row(rs))
        .list();
  }

  /**
   * @param h a handle
   * @param name an endpoint's name
   */
  public static void delete(Handle h, String name) {
    h.createUpdate("DELETE FROM endpoints WHERE name = :name").bind("name", name).execute();
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("auth_mode"),
        rs.getString("default_deployment"),
        Json.stringMap(rs.getString("tags")),
        rs.getString("created_at"));
  }
}
