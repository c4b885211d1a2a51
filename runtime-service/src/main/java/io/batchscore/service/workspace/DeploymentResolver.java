package io.batchscore.service.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.service.api.ComputeInfo;
import io.batchscore.service.api.ModelInfo;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.artifacts.StoredArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Turns a deployment YAML into what the workspace keeps: its model reference resolved to a
 * version (an inline path registered as an anonymous model), its code copied into the store, its
 * compute checked, and the driver's own reading of the result checked, so that a deployment that
 * exists is one the driver accepts.
 */
final class DeploymentResolver {

  static final Set<String> SCHEMAS =
      Set.of("batchDeployment.schema.json", "modelBatchDeployment.schema.json");

  private final ArtifactStore store;
  private final Path scratch;

  /**
   * @param store the artifact store
   * @param scratch a folder for the driver's check of a deployment
   */
  DeploymentResolver(ArtifactStore store, Path scratch) {
    this.store = store;
    this.scratch = scratch;
  }

  static Set<String> anyKey(ResourceSpec spec) {
    Set<String> keys = new HashSet<>();
    spec.document().fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  StoredDeployment create(Handle h, ResourceSpec spec) {
    SpecReader r = new SpecReader(spec, "batch deployment", SCHEMAS, anyKey(spec));
    String name = Names.check(r, "name", r.required("name"));
    String endpoint = r.required("endpoint_name");
    EndpointOperations.endpoint(h, endpoint);
    ObjectNode source = absolutePaths(r, spec.document().deepCopy());
    if (source.get("model") == null || source.get("model").isNull()) {
      throw WorkspaceException.badRequest(spec.source() + ": batch deployment needs 'model'");
    }
    ResolvedModel model = resolveModel(h, r, source.get("model"), endpoint, name);
    String code = storeCode(source);
    String now = Json.now();
    return build(h, r, name, endpoint, source, model, code, now, now);
  }

  StoredDeployment update(Handle h, StoredDeployment old, ResourceSpec spec) {
    SpecReader r = new SpecReader(spec, "batch deployment", SCHEMAS, anyKey(spec));
    ObjectNode changes = absolutePaths(r, spec.document().deepCopy());
    ObjectNode source = old.source().deepCopy();
    merge(source, changes);
    ResolvedModel model =
        changes.has("model")
            ? resolveModel(h, r, source.get("model"), old.endpointName(), old.name())
            : resolved(
                ModelRepository.find(h, old.modelName(), old.modelVersion()).orElseThrow(),
                old.modelReference());
    String code =
        changes.path("code_configuration").has("code")
            ? storeCode(source)
            : old.document().path("code_configuration").path("code").asText(null);
    return build(
        h, r, old.name(), old.endpointName(), source, model, code, old.createdAt(), Json.now());
  }

  private StoredDeployment build(
      Handle h,
      SpecReader r,
      String name,
      String endpoint,
      ObjectNode source,
      ResolvedModel model,
      String code,
      String createdAt,
      String updatedAt) {
    ObjectNode doc = source.deepCopy();
    ObjectNode m = doc.putObject("model");
    m.put("name", model.name())
        .put("version", String.valueOf(model.version()))
        .put("path", model.modelDir());
    if (code != null) {
      ((ObjectNode) doc.with("code_configuration")).put("code", code);
    }
    String compute = checkCompute(h, r, doc);
    if (check(r, doc).isPythonScript()) {
      // the driver keeps model.path's own name under AZUREML_MODEL_DIR, as the cloud does
      m.put("path", model.registered());
    }
    return new StoredDeployment(
        endpoint,
        name,
        doc.path("description").asText(null),
        model.name(),
        model.version(),
        model.reference(),
        compute,
        doc,
        source,
        createdAt,
        updatedAt);
  }

  /** The driver reads the deployment as it will at each job: its errors become ours. */
  private Deployment check(SpecReader r, ObjectNode doc) {
    try {
      return DeploymentLoader.fromYaml(Json.YAML.writeValueAsString(doc), scratch, List.of());
    } catch (DeploymentException e) {
      throw WorkspaceException.badRequest(
          e.getMessage().replace(DeploymentLoader.INLINE, r.source()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A deployment's model version.
   *
   * @param modelDir what a Java scorer gets as {@code modelDir()}: the registered folder, or the
   *     root holding a registered file
   * @param registered the registered file or folder itself, under its own name in the model's
   *     root: a Python script's {@code model.path}
   */
  private record ResolvedModel(
      String name, int version, String reference, String modelDir, String registered) {}

  private static ResolvedModel resolved(ModelInfo info, String reference) {
    Path root = Path.of(info.path());
    Path registered = Path.of(info.modelDir());
    if (registered.equals(root)) {
      try (var entries = Files.list(root)) {
        registered = entries.findFirst().orElse(root);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list model " + info.id() + " in " + root, e);
      }
    }
    return new ResolvedModel(
        info.name(),
        Integer.parseInt(info.version()),
        reference,
        info.modelDir(),
        registered.toString());
  }

  private ResolvedModel resolveModel(
      Handle h, SpecReader r, JsonNode model, String endpoint, String deployment) {
    if (model.isTextual() && AssetReference.isReference(model.asText())) {
      AssetReference ref = AssetReference.parse(model.asText());
      if (ref == null) {
        throw r.bad(
            "model",
            "'" + model.asText() + "' is not azureml:NAME:VERSION or" + " azureml:NAME@latest");
      }
      ModelInfo info;
      try {
        info = AssetOperations.findModel(h, ref.name(), ref.version());
      } catch (WorkspaceException e) {
        throw new WorkspaceException(e.kind(), r.source() + ": model: " + e.getMessage());
      }
      if (info.stage().equals("Archived")) {
        throw r.bad(
            "model",
            "names model " + ref.name() + " version " + info.version() + ", which is archived");
      }
      return resolved(info, model.asText());
    }
    String written = model.isTextual() ? model.asText() : model.path("path").asText(null);
    if (written == null) {
      throw r.bad("model", "needs a path or an azureml:NAME:VERSION reference");
    }
    Path path = r.existingPath("model.path", written);
    StoredArtifact copy = store.store("models", path);
    String anonymous = "anonymous-" + copy.sha256().substring(0, 12);
    ModelInfo info = ModelRepository.latest(h, anonymous).orElse(null);
    if (info == null) {
      info =
          AssetOperations.register(
              h,
              copy,
              anonymous,
              null,
              "custom_model",
              path,
              "inline model of " + endpoint + "/" + deployment,
              Map.of(),
              r.source());
    }
    return resolved(info, written);
  }

  private String storeCode(ObjectNode source) {
    JsonNode code = source.path("code_configuration").path("code");
    if (code.isMissingNode() || code.isNull()) {
      return null;
    }
    return store.store("code", Path.of(code.asText())).path().toString();
  }

  private static String checkCompute(Handle h, SpecReader r, ObjectNode doc) {
    JsonNode compute = doc.get("compute");
    if (compute == null
        || compute.isNull()
        || !compute.isTextual()
        || !AssetReference.isReference(compute.asText())) {
      return compute == null || compute.isNull() ? null : compute.asText();
    }
    String name = compute.asText().substring("azureml:".length());
    ComputeInfo c =
        ComputeRepository.find(h, name)
            .orElseThrow(
                () ->
                    WorkspaceException.notFound(
                        r.source()
                            + ": compute "
                            + name
                            + " not found (create it with compute"
                            + " create)"));
    int instances = doc.path("resources").path("instance_count").asInt(1);
    // a Spark cluster's executors are its instances: instance_count does not apply there
    if (!c.type().equals("spark") && instances > c.maxInstances()) {
      throw r.bad(
          "resources.instance_count",
          instances + " exceeds compute " + name + "'s max_instances " + c.maxInstances());
    }
    return compute.asText();
  }

  /** Makes the local paths of a deployment absolute: the code and an inline model path. */
  private static ObjectNode absolutePaths(SpecReader r, ObjectNode doc) {
    JsonNode code = doc.path("code_configuration").path("code");
    if (code.isTextual()) {
      ((ObjectNode) doc.get("code_configuration"))
          .put("code", r.existingPath("code_configuration.code", code.asText()).toString());
    }
    JsonNode model = doc.get("model");
    if (model != null && model.isTextual() && !AssetReference.isReference(model.asText())) {
      doc.put("model", r.existingPath("model", model.asText()).toString());
    } else if (model != null && model.isObject() && model.path("path").isTextual()) {
      ((ObjectNode) model)
          .put("path", r.existingPath("model.path", model.path("path").asText()).toString());
    }
    return doc;
  }

  /** Deep merge: objects merge key by key, other values replace. */
  static void merge(ObjectNode target, ObjectNode changes) {
    changes
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode old = target.get(e.getKey());
              if (old instanceof ObjectNode o
                  && e.getValue() instanceof ObjectNode c
                  && !e.getKey().equals("model")) {
                merge(o, c);
              } else {
                target.set(e.getKey(), e.getValue());
              }
            });
  }
}
