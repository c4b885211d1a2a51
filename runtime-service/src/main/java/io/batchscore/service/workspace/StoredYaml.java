package io.batchscore.service.workspace;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code yaml} column of {@code endpoints} and {@code deployments}: the text as given. */
final class StoredYaml {

  private StoredYaml() {}

  /** Keeps {@code yaml} for the endpoint; a null text keeps the one stored before. */
  static void endpoint(Handle h, String name, String yaml) {
    if (yaml != null) {
      h.createUpdate("UPDATE endpoints SET yaml = :yaml WHERE name = :name")
          .bind("yaml", yaml)
          .bind("name", name)
          .execute();
    }
  }

  /** Keeps {@code yaml} for the deployment (its row was just written, so null clears it). */
  static void deployment(Handle h, String endpoint, String name, String yaml) {
    h.createUpdate(
            "UPDATE deployments SET yaml = :yaml WHERE endpoint_name = :endpoint"
                + " AND name = :name")
        .bind("yaml", yaml)
        .bind("endpoint", endpoint)
        .bind("name", name)
        .execute();
  }

  static Optional<String> endpoint(Handle h, String name) {
    return h.createQuery("SELECT yaml FROM endpoints WHERE name = :name")
        .bind("name", name)
        .mapTo(String.class)
        .findOne();
  }

  static Optional<String> deployment(Handle h, String endpoint, String name) {
    return h.createQuery(
            "SELECT yaml FROM deployments WHERE endpoint_name = :endpoint" + " AND name = :name")
        .bind("endpoint", endpoint)
        .bind("name", name)
        .mapTo(String.class)
        .findOne();
  }
}
