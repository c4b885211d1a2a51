package io.batchscore.service.workspace;

import io.batchscore.service.api.ComputeInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code computes} table. */
public final class ComputeRepository {

  private static final String COLUMNS =
      "name, type, master, size, min_instances, max_instances," + " description, created_at";

  private ComputeRepository() {}

  /**
   * Inserts a compute, or replaces the one of the same name.
   *
   * @param h a handle
   * @param c the compute
   */
  public static void upsert(Handle h, ComputeInfo c) {
    h.createUpdate("DELETE FROM computes WHERE name = :name").bind("name", c.name()).execute();
    h.createUpdate(
            "INSERT INTO computes ("
                + COLUMNS
                + ") VALUES (:name, :type, :master, :size,"
                + " :min, :max, :description, :createdAt)")
        .bind("name", c.name())
        .bind("type", c.type())
        .bind("master", c.master())
        .bind("size", c.size())
        .bind("min", c.minInstances())
        .bind("max", c.maxInstances())
        .bind("description", c.description())
        .bind("createdAt", c.createdAt())
        .execute();
  }

  /**
   * @param h a handle
   * @param name a compute's name
   * @return it
   */
  public static Optional<ComputeInfo> find(Handle h, String name) {
    return h.createQuery("SELECT " + COLUMNS + " FROM computes WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /**
   * @param h a handle
   * @return every compute
   */
  public static List<ComputeInfo> list(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM computes ORDER BY created_at, name")
        .map((rs, ctx) -> row(rs))
        .list();
  }

  private static ComputeInfo row(ResultSet rs) throws SQLException {
    String name = rs.getString("name");
    return new ComputeInfo(
        "azureml:" + name,
        name,
        rs.getString("type"),
        rs.getString("master"),
        rs.getString("size"),
        rs.getInt("min_instances"),
        rs.getInt("max_instances"),
        rs.getString("description"),
        "Succeeded",
        rs.getString("created_at"));
  }
}
