package io.batchscore.service.workspace;

import io.batchscore.service.api.DataInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code data_assets} table: one row per data asset version. */
public final class DataRepository {

  private static final String COLUMNS =
      "name, version, type, path, source_path, linked, digest," + " description, tags, created_at";

  private DataRepository() {}

  /**
   * @param h a handle
   * @param d the version to insert
   */
  public static void insert(Handle h, DataInfo d) {
    h.createUpdate(
            "INSERT INTO data_assets ("
                + COLUMNS
                + ") VALUES (:name, :version, :type,"
                + " :path, :sourcePath, :linked, :digest, :description, :tags, :createdAt)")
        .bind("name", d.name())
        .bind("version", Integer.parseInt(d.version()))
        .bind("type", d.type())
        .bind("path", d.path())
        .bind("sourcePath", d.sourcePath())
        .bind("linked", d.linked() ? 1 : 0)
        .bind("digest", d.digest())
        .bind("description", d.description())
        .bind("tags", Json.write(d.tags()))
        .bind("createdAt", d.createdAt())
        .execute();
  }

  /**
   * @param h a handle
   * @param name an asset name
   * @return the highest version used so far, 0 when none
   */
  public static int maxVersion(Handle h, String name) {
    return h.createQuery("SELECT COALESCE(MAX(version), 0) FROM data_assets WHERE name = :name")
        .bind("name", name)
        .mapTo(Integer.class)
        .one();
  }

  /**
   * @param h a handle
   * @param name an asset name
   * @param version a version, or null for the latest
   * @return that version
   */
  public static Optional<DataInfo> find(Handle h, String name, Integer version) {
    if (version == null) {
      return h.createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM data_assets WHERE name = :name"
                  + " ORDER BY version DESC LIMIT 1")
          .bind("name", name)
          .map((rs, ctx) -> row(rs))
          .findFirst();
    }
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM data_assets WHERE name = :name"
                + " AND version = :version")
        .bind("name", name)
        .bind("version", version)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /**
   * @param h a handle
   * @param name an asset's name, or null for the latest version of each
   * @return the versions
   */
  public static List<DataInfo> list(Handle h, String name) {
    if (name != null) {
      return h.createQuery(
              "SELECT " + COLUMNS + " FROM data_assets WHERE name = :name" + " ORDER BY version")
          .bind("name", name)
          .map((rs, ctx) -> row(rs))
          .list();
    }
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM data_assets d WHERE version = (SELECT"
                + " MAX(version) FROM data_assets x WHERE x.name = d.name) ORDER BY created_at, name")
        .map((rs, ctx) -> row(rs))
        .list();
  }

  private static DataInfo row(ResultSet rs) throws SQLException {
    String name = rs.getString("name");
    String version = String.valueOf(rs.getInt("version"));
    return new DataInfo(
        "azureml:" + name + ":" + version,
        name,
        version,
        rs.getString("type"),
        rs.getString("path"),
        rs.getString("source_path"),
        rs.getInt("linked") != 0,
        rs.getString("digest"),
        rs.getString("description"),
        Json.stringMap(rs.getString("tags")),
        rs.getString("created_at"));
  }
}
