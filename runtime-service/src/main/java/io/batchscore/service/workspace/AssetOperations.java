package io.batchscore.service.workspace;

import io.batchscore.service.api.ComputeInfo;
import io.batchscore.service.api.DataInfo;
import io.batchscore.service.api.ModelInfo;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.artifacts.StoredArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Models, data assets and compute: read from their YAML, copied into the store, recorded. */
final class AssetOperations {

  private static final Set<String> MODEL_KEYS =
      Set.of(
          "name",
          "version",
          "path",
          "local_path",
          "type",
          "description",
          "tags",
          "properties",
          "stage");
  private static final Set<String> MODEL_TYPES =
      Set.of("custom_model", "mlflow_model", "triton_model");
  private static final Set<String> DATA_KEYS =
      Set.of("name", "version", "path", "local_path", "type", "description", "tags", "properties");
  private static final Set<String> COMPUTE_KEYS =
      Set.of(
          "name",
          "type",
          "size",
          "min_instances",
          "max_instances",
          "idle_time_before_scale_down",
          "tier",
          "description",
          "location",
          "tags",
          "identity",
          "ssh_public_access_enabled",
          "network_settings",
          "master");

  private final Jdbi db;
  private final ArtifactStore store;

  AssetOperations(Jdbi db, ArtifactStore store) {
    this.db = db;
    this.store = store;
  }

  ModelInfo createModel(ResourceSpec spec) {
    SpecReader r = new SpecReader(spec, "model", Set.of("model.schema.json"), MODEL_KEYS);
    String name = Names.check(r, "name", r.required("name"));
    Integer version = r.version("version");
    String type = r.text("type") == null ? "custom_model" : r.text("type");
    if (!MODEL_TYPES.contains(type)) {
      throw r.bad("type", "'" + type + "' is not one of " + String.join(", ", MODEL_TYPES));
    }
    String pathKey = r.text("path") != null ? "path" : "local_path";
    String written = r.text(pathKey);
    if (written == null) {
      throw WorkspaceException.badRequest(spec.source() + ": model needs 'path'");
    }
    Path source = r.existingPath(pathKey, written);
    StoredArtifact copy = store.store("models", source);
    return db.inTransaction(
        h ->
            register(
                h,
                copy,
                name,
                version,
                type,
                source,
                r.text("description"),
                r.stringMap("tags"),
                spec.source()));
  }

  /** Registers a model version from a local file or folder (also for a deployment's inline model). */
  static ModelInfo register(
      Handle h,
      StoredArtifact copy,
      String name,
      Integer version,
      String type,
      Path source,
      String description,
      java.util.Map<String, String> tags,
      String what) {
    Path modelDir = Files.isDirectory(copy.path()) ? copy.path() : copy.root();
    {
      int v;
      if (version == null) {
        v = ModelRepository.maxVersion(h, name) + 1;
      } else {
        if (ModelRepository.find(h, name, version).isPresent()) {
          throw WorkspaceException.conflict(
              what
                  + ": model "
                  + name
                  + " version "
                  + version
                  + " exists already; versions are immutable (leave 'version' out for the next)");
        }
        v = version;
      }
      ModelInfo m =
          new ModelInfo(
              null,
              name,
              String.valueOf(v),
              type,
              copy.root().toString(),
              modelDir.toString(),
              source.toString(),
              copy.sha256(),
              description,
              tags,
              null,
              Json.now());
      ModelRepository.insert(h, m);
      return ModelRepository.find(h, name, v).orElseThrow();
    }
  }

  List<ModelInfo> listModels(String name, boolean includeArchived) {
    return db.withHandle(h -> ModelRepository.list(h, name, includeArchived));
  }

  ModelInfo showModel(String name, String version) {
    return db.withHandle(h -> findModel(h, name, version));
  }

  static ModelInfo findModel(Handle h, String name, String version) {
    if (version == null || version.equals("latest")) {
      return ModelRepository.latest(h, name)
          .orElseThrow(
              () ->
                  WorkspaceException.notFound(
                      "model "
                          + name
                          + " not found"
                          + (ModelRepository.maxVersion(h, name) > 0
                              ? " (every version is archived)"
                              : "")));
    }
    int v = versionNumber("model " + name, version);
    return ModelRepository.find(h, name, v)
        .orElseThrow(
            () ->
                WorkspaceException.notFound(
                    "model "
                        + name
                        + " version "
                        + version
                        + " not found"
                        + latestHint(ModelRepository.maxVersion(h, name))));
  }

  List<ModelInfo> archiveModel(String name, String version) {
    return db.inTransaction(
        h -> {
          List<ModelInfo> targets = new ArrayList<>();
          if (version == null) {
            targets.addAll(ModelRepository.list(h, name, false));
            if (targets.isEmpty()) {
              throw WorkspaceException.notFound("model " + name + " not found");
            }
          } else {
            targets.add(findModel(h, name, version));
          }
          for (ModelInfo m : targets) {
            List<String> users =
                DeploymentRepository.usersOf(h, name, Integer.parseInt(m.version()));
            if (!users.isEmpty()) {
              throw WorkspaceException.conflict(
                  "model "
                      + name
                      + " version "
                      + m.version()
                      + " is used by deployment "
                      + String.join(", ", users)
                      + "; update or delete it"
                      + " first");
            }
          }
          List<ModelInfo> out = new ArrayList<>();
          for (ModelInfo m : targets) {
            ModelRepository.archive(h, name, Integer.parseInt(m.version()));
            out.add(ModelRepository.find(h, name, Integer.parseInt(m.version())).orElseThrow());
          }
          return out;
        });
  }

  DataInfo createData(ResourceSpec spec, boolean link) {
    SpecReader r =
        new SpecReader(
            spec, "data asset", Set.of("data.schema.json", "dataset.schema.json"), DATA_KEYS);
    String name = Names.check(r, "name", r.required("name"));
    Integer version = r.version("version");
    String pathKey = r.text("path") != null ? "path" : "local_path";
    String written = r.text(pathKey);
    if (written == null) {
      throw WorkspaceException.badRequest(spec.source() + ": data asset needs 'path'");
    }
    Path source = r.existingPath(pathKey, written);
    boolean folder = Files.isDirectory(source);
    String type = r.text("type") == null ? (folder ? "uri_folder" : "uri_file") : r.text("type");
    if (type.equals("uri_folder") && !folder) {
      throw r.bad(
          pathKey, source + " is a file; type uri_folder needs a folder (or use" + " uri_file)");
    }
    if (type.equals("uri_file") && folder) {
      throw r.bad(
          pathKey, source + " is a folder; type uri_file needs a file (or use" + " uri_folder)");
    }
    if (!type.equals("uri_folder") && !type.equals("uri_file")) {
      throw r.bad(
          "type",
          "'" + type + "' is not uri_folder or uri_file (mltable is not" + " supported locally)");
    }
    Path path;
    String digest;
    if (link) {
      path = source;
      digest = ArtifactStore.listingDigest(source);
    } else {
      StoredArtifact copy = store.store("data", source);
      path = copy.path();
      digest = copy.sha256();
    }
    String t = type;
    return db.inTransaction(
        h -> {
          int v;
          if (version == null) {
            v = DataRepository.maxVersion(h, name) + 1;
          } else {
            if (DataRepository.find(h, name, version).isPresent()) {
              throw WorkspaceException.conflict(
                  spec.source()
                      + ": data asset "
                      + name
                      + " version "
                      + version
                      + " exists already; versions are immutable");
            }
            v = version;
          }
          DataRepository.insert(
              h,
              new DataInfo(
                  null,
                  name,
                  String.valueOf(v),
                  t,
                  path.toString(),
                  source.toString(),
                  link,
                  digest,
                  r.text("description"),
                  r.stringMap("tags"),
                  Json.now()));
          return DataRepository.find(h, name, v).orElseThrow();
        });
  }

  List<DataInfo> listData(String name) {
    return db.withHandle(h -> DataRepository.list(h, name));
  }

  DataInfo showData(String name, String version) {
    return db.withHandle(h -> findData(h, name, version));
  }

  static DataInfo findData(Handle h, String name, String version) {
    Integer v =
        version == null || version.equals("latest")
            ? null
            : versionNumber("data asset " + name, version);
    return DataRepository.find(h, name, v)
        .orElseThrow(
            () ->
                WorkspaceException.notFound(
                    "data asset "
                        + name
                        + (v == null ? "" : " version " + v)
                        + " not found"
                        + (v == null ? "" : latestHint(DataRepository.maxVersion(h, name)))));
  }

  ComputeInfo createCompute(ResourceSpec spec) {
    SpecReader r =
        new SpecReader(
            spec, "compute", Set.of("amlCompute.schema.json", "compute.schema.json"), COMPUTE_KEYS);
    String name = Names.check(r, "name", r.required("name"));
    String type = r.text("type") == null ? "amlcompute" : r.text("type");
    String master = r.text("master");
    if (type.equals("spark")) {
      SparkMaster.check(r, r.required("master"));
    } else if (!type.equals("amlcompute")) {
      throw r.bad(
          "type",
          "'"
              + type
              + "' is not supported locally (amlcompute: this machine;"
              + " spark: a Spark cluster, with master)");
    } else if (master != null) {
      throw r.bad("master", "is for type: spark only, not " + type);
    }
    int min = r.integer("min_instances", 0);
    int max = r.integer("max_instances", 1);
    if (min < 0 || max < 1 || min > max) {
      throw r.bad(
          "max_instances",
          "must be at least 1 and at least min_instances (" + min + "), not " + max);
    }
    ComputeInfo c =
        new ComputeInfo(
            null,
            name,
            type,
            master,
            r.text("size"),
            min,
            max,
            r.text("description"),
            null,
            Json.now());
    return db.inTransaction(
        h -> {
          ComputeRepository.upsert(h, c);
          return ComputeRepository.find(h, name).orElseThrow();
        });
  }

  List<ComputeInfo> listComputes() {
    return db.withHandle(ComputeRepository::list);
  }

  ComputeInfo showCompute(String name) {
    return db.withHandle(h -> ComputeRepository.find(h, name))
        .orElseThrow(() -> WorkspaceException.notFound("compute " + name + " not found"));
  }

  static int versionNumber(String what, String version) {
    try {
      int v = Integer.parseInt(version.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw WorkspaceException.badRequest(
        what + ": version '" + version + "' is not a positive" + " integer");
  }

  private static String latestHint(int max) {
    return max == 0 ? "" : " (latest is " + max + ")";
  }
}
