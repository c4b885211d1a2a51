package io.batchscore.service.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code deployments} table. */
public final class DeploymentRepository {

  private static final String COLUMNS =
      "endpoint_name, name, description, model_name,"
          + " model_version, model_reference, compute, document, source, created_at, updated_at";

  private DeploymentRepository() {}

  /**
   * Inserts a deployment, or replaces the one of the same endpoint and name.
   *
   * @param h a handle
   * @param d the deployment
   */
  public static void upsert(Handle h, StoredDeployment d) {
    delete(h, d.endpointName(), d.name());
    h.createUpdate(
            "INSERT INTO deployments ("
                + COLUMNS
                + ") VALUES (:endpoint, :name,"
                + " :description, :modelName, :modelVersion, :modelReference, :compute, :document,"
                + " :source, :createdAt, :updatedAt)")
        .bind("endpoint", d.endpointName())
        .bind("name", d.name())
        .bind("description", d.description())
        .bind("modelName", d.modelName())
        .bind("modelVersion", d.modelVersion())
        .bind("modelReference", d.modelReference())
        .bind("compute", d.compute())
        .bind("document", Json.write(d.document()))
        .bind("source", Json.write(d.source()))
        .bind("createdAt", d.createdAt())
        .bind("updatedAt", d.updatedAt())
        .execute();
  }

  /**
   * @param h a handle
   * @param endpoint an endpoint's name
   * @param name a deployment's name
   * @return it
   */
  public static Optional<StoredDeployment> find(Handle h, String endpoint, String name) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM deployments WHERE endpoint_name ="
                + " :endpoint AND name = :name")
        .bind("endpoint", endpoint)
        .bind("name", name)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /**
   * @param h a handle
   * @param endpoint an endpoint's name
   * @return its deployments
   */
  public static List<StoredDeployment> list(Handle h, String endpoint) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM deployments WHERE endpoint_name ="
                + " :endpoint ORDER BY created_at, name")
        .bind("endpoint", endpoint)
        .map((rs, ctx) -> row(rs))
        .list();
  }

  /**
   * @param h a handle
   * @param modelName a model's name
   * @param version one of its versions
   * @return the deployments that run it, as {@code ENDPOINT/DEPLOYMENT}
   */
  public static List<String> usersOf(Handle h, String modelName, int version) {
    return h.createQuery(
            "SELECT endpoint_name, name FROM deployments WHERE model_name = :model"
                + " AND model_version = :version ORDER BY endpoint_name, name")
        .bind("model", modelName)
        .bind("version", version)
        .map((rs, ctx) -> rs.getString(1) + "/" + rs.getString(2))
        .list();
  }

  /**
   * @param h a handle
   * @param endpoint an endpoint's name
   * @param name a deployment's name
   */
  public static void delete(Handle h, String endpoint, String name) {
    h.createUpdate("DELETE FROM deployments WHERE endpoint_name = :endpoint AND name = :name")
        .bind("endpoint", endpoint)
        .bind("name", name)
        .execute();
  }

  private static StoredDeployment row(ResultSet rs) throws SQLException {
    return new StoredDeployment(
        rs.getString("endpoint_name"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("model_name"),
        rs.getInt("model_version"),
        rs.getString("model_reference"),
        rs.getString("compute"),
        Json.object(rs.getString("document")),
        Json.object(rs.getString("source")),
        rs.getString("created_at"),
        rs.getString("updated_at"));
  }
}
