package io.batchscore.service.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.DeploymentInfo;
import io.batchscore.service.api.EndpointInfo;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Batch endpoints and their deployments. */
final class EndpointOperations {

  private static final Set<String> ENDPOINT_KEYS =
      Set.of("name", "description", "auth_mode", "defaults", "tags", "properties");
  private static final Set<String> AUTH_MODES = Set.of("aad_token", "key");

  private final Jdbi db;
  private final DeploymentResolver resolver;
  private final Supplier<String> serverAddress;

  EndpointOperations(Jdbi db, DeploymentResolver resolver, Supplier<String> serverAddress) {
    this.db = db;
    this.resolver = resolver;
    this.serverAddress = serverAddress;
  }

  EndpointInfo createEndpoint(ResourceSpec spec) {
    SpecReader r = endpointReader(spec);
    String name = Names.check(r, "name", r.required("name"));
    return db.inTransaction(
        h -> {
          if (EndpointRepository.find(h, name).isPresent()) {
            throw WorkspaceException.conflict(
                spec.source()
                    + ": batch endpoint "
                    + name
                    + " exists already (use batch-endpoint update)");
          }
          EndpointRepository.Row row =
              new EndpointRepository.Row(
                  name,
                  r.text("description"),
                  authMode(r, null),
                  null,
                  r.stringMap("tags"),
                  Json.now());
          row = withDefault(h, r, row);
          EndpointRepository.insert(h, row);
          StoredYaml.endpoint(h, name, spec.yaml());
          return info(row);
        });
  }

  EndpointInfo updateEndpoint(ResourceSpec spec) {
    SpecReader r = endpointReader(spec);
    String name = r.required("name");
    return db.inTransaction(
        h -> {
          EndpointRepository.Row old = endpoint(h, name);
          Map<String, String> tags = new LinkedHashMap<>(old.tags());
          tags.putAll(r.stringMap("tags"));
          EndpointRepository.Row row =
              new EndpointRepository.Row(
                  name,
                  r.text("description") != null ? r.text("description") : old.description(),
                  authMode(r, old.authMode()),
                  old.defaultDeployment(),
                  tags,
                  old.createdAt());
          row = withDefault(h, r, row);
          EndpointRepository.update(h, row);
          StoredYaml.endpoint(h, name, spec.yaml());
          return info(row);
        });
  }

  Optional<String> storedYaml(String endpointName, String deploymentName) {
    return db.withHandle(
        h -> {
          if (deploymentName == null) {
            endpoint(h, endpointName);
            return StoredYaml.endpoint(h, endpointName);
          }
          deployment(h, endpointName, deploymentName);
          return StoredYaml.deployment(h, endpointName, deploymentName);
        });
  }

  EndpointInfo showEndpoint(String name) {
    return info(db.withHandle(h -> endpoint(h, name)));
  }

  List<EndpointInfo> listEndpoints() {
    return db.withHandle(EndpointRepository::list).stream().map(this::info).toList();
  }

  void deleteEndpoint(String name) {
    db.useTransaction(
        h -> {
          endpoint(h, name);
          int active = JobRepository.active(h, name, null);
          if (active > 0) {
            throw WorkspaceException.conflict(
                "batch endpoint "
                    + name
                    + " has "
                    + active
                    + " queued or running job(s); cancel them first");
          }
          for (StoredDeployment d : DeploymentRepository.list(h, name)) {
            DeploymentRepository.delete(h, name, d.name());
          }
          EndpointRepository.delete(h, name);
        });
  }

  DeploymentInfo createDeployment(ResourceSpec spec, boolean setDefault) {
    return db.inTransaction(
        h -> {
          StoredDeployment d = resolver.create(h, spec);
          EndpointRepository.Row e = endpoint(h, d.endpointName());
          if (DeploymentRepository.find(h, d.endpointName(), d.name()).isPresent()) {
            throw WorkspaceException.conflict(
                spec.source()
                    + ": batch deployment "
                    + d.name()
                    + " of endpoint "
                    + d.endpointName()
                    + " exists already (use batch-deployment"
                    + " update)");
          }
          DeploymentRepository.upsert(h, d);
          StoredYaml.deployment(h, d.endpointName(), d.name(), spec.yaml());
          if (setDefault) {
            setDefault(h, e, d.name());
          }
          return deploymentInfo(h, d);
        });
  }

  DeploymentInfo updateDeployment(ResourceSpec spec, boolean setDefault) {
    return db.inTransaction(
        h -> {
          SpecReader r =
              new SpecReader(
                  spec,
                  "batch deployment",
                  DeploymentResolver.SCHEMAS,
                  DeploymentResolver.anyKey(spec));
          String endpointName = r.required("endpoint_name");
          String name = r.required("name");
          EndpointRepository.Row e = endpoint(h, endpointName);
          StoredDeployment old = deployment(h, endpointName, name);
          StoredDeployment d = resolver.update(h, old, spec);
          DeploymentRepository.upsert(h, d);
          StoredYaml.deployment(h, d.endpointName(), d.name(), spec.yaml());
          if (setDefault) {
            setDefault(h, e, d.name());
          }
          return deploymentInfo(h, d);
        });
  }

  DeploymentInfo showDeployment(String endpointName, String name) {
    return db.withHandle(h -> deploymentInfo(h, deployment(h, endpointName, name)));
  }

  List<DeploymentInfo> listDeployments(String endpointName) {
    return db.withHandle(
        h -> {
          endpoint(h, endpointName);
          return DeploymentRepository.list(h, endpointName).stream()
              .map(d -> deploymentInfo(h, d))
              .toList();
        });
  }

  void deleteDeployment(String endpointName, String name) {
    db.useTransaction(
        h -> {
          EndpointRepository.Row e = endpoint(h, endpointName);
          deployment(h, endpointName, name);
          int active = JobRepository.active(h, endpointName, name);
          if (active > 0) {
            throw WorkspaceException.conflict(
                "batch deployment "
                    + name
                    + " has "
                    + active
                    + " queued or running job(s); cancel them first");
          }
          boolean isDefault = name.equals(e.defaultDeployment());
          if (isDefault && DeploymentRepository.list(h, endpointName).size() > 1) {
            throw WorkspaceException.conflict(
                "batch deployment "
                    + name
                    + " is the default of"
                    + " endpoint "
                    + endpointName
                    + "; make another one the default first");
          }
          DeploymentRepository.delete(h, endpointName, name);
          if (isDefault) {
            EndpointRepository.update(
                h,
                new EndpointRepository.Row(
                    e.name(), e.description(), e.authMode(), null, e.tags(), e.createdAt()));
          }
        });
  }

  static EndpointRepository.Row endpoint(Handle h, String name) {
    return EndpointRepository.find(h, name)
        .orElseThrow(() -> WorkspaceException.notFound("batch endpoint " + name + " not found"));
  }

  static StoredDeployment deployment(Handle h, String endpointName, String name) {
    return DeploymentRepository.find(h, endpointName, name)
        .orElseThrow(
            () ->
                WorkspaceException.notFound(
                    "batch deployment " + name + " of endpoint " + endpointName + " not found"));
  }

  EndpointInfo info(EndpointRepository.Row e) {
    Map<String, String> defaults =
        e.defaultDeployment() == null ? null : Map.of("deployment_name", e.defaultDeployment());
    return new EndpointInfo(
        e.name(),
        e.description(),
        e.authMode(),
        scoringUri(e.name()),
        defaults,
        e.tags(),
        "Succeeded",
        e.createdAt());
  }

  /**
   * @param endpoint an endpoint's name
   * @return where a POST starts one of its jobs
   */
  String scoringUri(String endpoint) {
    String base = serverAddress.get();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/endpoints/"
        + endpoint
        + "/jobs";
  }

  static DeploymentInfo deploymentInfo(Handle h, StoredDeployment d) {
    ObjectNode doc = d.document();
    ObjectNode settings = doc.deepCopy();
    settings.remove(
        List.of(
            "$schema",
            "name",
            "endpoint_name",
            "description",
            "model",
            "code_configuration",
            "compute"));
    boolean isDefault =
        EndpointRepository.find(h, d.endpointName())
            .map(e -> d.name().equals(e.defaultDeployment()))
            .orElse(false);
    JsonNode code = doc.get("code_configuration");
    return new DeploymentInfo(
        d.name(),
        d.endpointName(),
        d.description(),
        "azureml:" + d.modelName() + ":" + d.modelVersion(),
        d.modelReference(),
        doc.path("model").path("path").asText(null),
        code instanceof ObjectNode o ? o : null,
        d.compute(),
        settings,
        isDefault,
        "Succeeded",
        d.createdAt(),
        d.updatedAt());
  }

  private static SpecReader endpointReader(ResourceSpec spec) {
    return new SpecReader(
        spec, "batch endpoint", Set.of("batchEndpoint.schema.json"), ENDPOINT_KEYS);
  }

  private static String authMode(SpecReader r, String old) {
    String mode = r.text("auth_mode");
    if (mode == null) {
      return old == null ? "aad_token" : old;
    }
    if (!AUTH_MODES.contains(mode)) {
      throw r.bad("auth_mode", "'" + mode + "' is not aad_token or key");
    }
    return mode;
  }

  private static EndpointRepository.Row withDefault(
      Handle h, SpecReader r, EndpointRepository.Row row) {
    JsonNode defaults = r.document().get("defaults");
    if (defaults == null || defaults.isNull()) {
      return row;
    }
    String name = defaults.path("deployment_name").asText(null);
    if (name == null) {
      return row;
    }
    if (DeploymentRepository.find(h, row.name(), name).isEmpty()) {
      throw r.bad(
          "defaults.deployment_name",
          "names deployment " + name + ", which endpoint " + row.name() + " does not have");
    }
    return new EndpointRepository.Row(
        row.name(), row.description(), row.authMode(), name, row.tags(), row.createdAt());
  }

  private static void setDefault(Handle h, EndpointRepository.Row e, String deployment) {
    EndpointRepository.update(
        h,
        new EndpointRepository.Row(
            e.name(), e.description(), e.authMode(), deployment, e.tags(), e.createdAt()));
  }
}
