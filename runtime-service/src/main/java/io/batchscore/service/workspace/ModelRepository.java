package io.batchscore.service.workspace;

import io.batchscore.service.api.ModelInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code models} table: one row per model version. */
public final class ModelRepository {

  private static final String COLUMNS =
      "name, version, type, path, model_dir, source_path,"
          + " checksum, description, tags, archived, created_at";

  private ModelRepository() {}

  /**
   * @param h a handle
   * @param m the version to insert
   */
  public static void insert(Handle h, ModelInfo m) {
    h.createUpdate(
            "INSERT INTO models ("
                + COLUMNS
                + ") VALUES (:name, :version, :type, :path,"
                + " :modelDir, :sourcePath, :checksum, :description, :tags, 0, :createdAt)")
        .bind("name", m.name())
        .bind("version", Integer.parseInt(m.version()))
        .bind("type", m.type())
        .bind("path", m.path())
        .bind("modelDir", m.modelDir())
        .bind("sourcePath", m.sourcePath())
        .bind("checksum", m.checksum())
        .bind("description", m.description())
        .bind("tags", Json.write(m.tags()))
        .bind("createdAt", m.createdAt())
        .execute();
  }

  /**
   * @param h a handle
   * @param name a model name
   * @return the highest version number used so far, 0 when none
   */
  public static int maxVersion(Handle h, String name) {
    return h.createQuery("SELECT COALESCE(MAX(version), 0) FROM models WHERE name = :name")
        .bind("name", name)
        .mapTo(Integer.class)
        .one();
  }

  /**
   * @param h a handle
   * @param name a model name
   * @param version a version
   * @return that version
   */
  public static Optional<ModelInfo> find(Handle h, String name, int version) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM models WHERE name = :name" + " AND version = :version")
        .bind("name", name)
        .bind("version", version)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /**
   * @param h a handle
   * @param name a model name
   * @return its latest version that is not archived
   */
  public static Optional<ModelInfo> latest(Handle h, String name) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM models WHERE name = :name"
                + " AND archived = 0 ORDER BY version DESC LIMIT 1")
        .bind("name", name)
        .map((rs, ctx) -> row(rs))
        .findFirst();
  }

  /**
   * @param h a handle
   * @param name a model's name, or null for the latest version of each model
   * @param includeArchived whether archived versions count
   * @return the versions
   */
  public static List<ModelInfo> list(Handle h, String name, boolean includeArchived) {
    String archived = includeArchived ? "" : " AND archived = 0";
    if (name != null) {
      return h.createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM models WHERE name = :name"
                  + archived
                  + " ORDER BY version")
          .bind("name", name)
          .map((rs, ctx) -> row(rs))
          .list();
    }
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM models m WHERE version = (SELECT"
                + " MAX(version) FROM models x WHERE x.name = m.name"
                + archived
                + ")"
                + " ORDER BY created_at, name")
        .map((rs, ctx) -> row(rs))
        .list();
  }

  /**
   * @param h a handle
   * @param name a model name
   * @param version a version
   */
  public static void archive(Handle h, String name, int version) {
    h.createUpdate("UPDATE models SET archived = 1 WHERE name = :name AND version = :version")
        .bind("name", name)
        .bind("version", version)
        .execute();
  }

  private static ModelInfo row(ResultSet rs) throws SQLException {
    String name = rs.getString("name");
    String version = String.valueOf(rs.getInt("version"));
    return new ModelInfo(
        "azureml:" + name + ":" + version,
        name,
        version,
        rs.getString("type"),
        rs.getString("path"),
        rs.getString("model_dir"),
        rs.getString("source_path"),
        rs.getString("checksum"),
        rs.getString("description"),
        Json.stringMap(rs.getString("tags")),
        rs.getInt("archived") != 0 ? "Archived" : "Development",
        rs.getString("created_at"));
  }
}
