package io.batchscore.service.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.service.api.DataInfo;
import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.workspace.AssetReference;
import io.batchscore.service.workspace.DataRepository;
import io.batchscore.service.workspace.DeploymentRepository;
import io.batchscore.service.workspace.EndpointRepository;
import io.batchscore.service.workspace.JobRecord;
import io.batchscore.service.workspace.JobRepository;
import io.batchscore.service.workspace.Json;
import io.batchscore.service.workspace.StoredDeployment;
import io.batchscore.service.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code invoke}: checks everything it can, then queues the job; never waits for it. */
public final class JobOperations {

  private final Workspace ws;

  /** @param ws the workspace */
  public JobOperations(Workspace ws) {
    this.ws = ws;
  }

  /**
   * @param req the invocation
   * @param subject who invokes
   * @return the queued job
   */
  public JobInfo invoke(InvokeRequest req, String subject) {
    String name = "batchjob-" + UUID.randomUUID();
    return ws.db()
        .inTransaction(
            h -> {
              EndpointRepository.Row e =
                  EndpointRepository.find(h, req.endpointName())
                      .orElseThrow(
                          () ->
                              WorkspaceException.notFound(
                                  "batch endpoint " + req.endpointName() + " not found"));
              String deploymentName = req.deploymentName();
              if (deploymentName == null) {
                deploymentName = e.defaultDeployment();
                if (deploymentName == null) {
                  throw WorkspaceException.badRequest(
                      "batch endpoint "
                          + e.name()
                          + " has no default"
                          + " deployment: give --deployment-name, or create one with --set-default");
                }
              }
              String dn = deploymentName;
              StoredDeployment d =
                  DeploymentRepository.find(h, e.name(), dn)
                      .orElseThrow(
                          () ->
                              WorkspaceException.notFound(
                                  "batch deployment "
                                      + dn
                                      + " of endpoint "
                                      + e.name()
                                      + " not found"));
              Input in = input(h, req);
              Path outputFile = outputFile(req);
              Map<String, String> overrides = overrides(req);
              Deployment checked = check(d, overrides, SparkDriver.onSpark(h, d.compute()));
              Path output = output(req, name);
              Path predictions = output.resolve(checked.outputFileName());
              if (Files.exists(predictions)) {
                throw WorkspaceException.conflict(
                    "output path "
                        + output
                        + " already holds "
                        + checked.outputFileName()
                        + "; a job never overwrites an output file (choose"
                        + " another --output-path)");
              }
              JobRepository.activeWithOutput(h, output.toString())
                  .ifPresent(
                      other -> {
                        throw WorkspaceException.conflict(
                            "output path "
                                + output
                                + " is used by job "
                                + other
                                + ", which is queued or running");
                      });
              JobRecord job =
                  new JobRecord(
                      name,
                      JobRepository.nextSeq(h),
                      "Queued",
                      e.name(),
                      dn,
                      "azureml:" + d.modelName() + ":" + d.modelVersion(),
                      in.path().toString(),
                      in.type(),
                      output.toString(),
                      overrides,
                      d.document(),
                      subject,
                      Json.now(),
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      0,
                      false,
                      false,
                      null,
                      null,
                      null,
                      subject);
              JobRepository.insert(h, job);
              if (outputFile != null) {
                JobRepository.setOutputFile(h, name, outputFile.toString());
              }
              return JobViews.info(ws, JobRepository.find(h, name).orElseThrow());
            });
  }

  private record Input(Path path, String type) {}

  private Input input(org.jdbi.v3.core.Handle h, InvokeRequest req) {
    String text = req.input();
    Path path;
    String type = req.inputType();
    if (AssetReference.isReference(text)) {
      AssetReference ref = AssetReference.parse(text);
      if (ref == null) {
        throw WorkspaceException.badRequest(
            "--input " + text + ": not azureml:NAME:VERSION or" + " azureml:NAME@latest");
      }
      Integer v = ref.version() == null ? null : parseVersion(text, ref.version());
      DataInfo data =
          DataRepository.find(h, ref.name(), v)
              .orElseThrow(
                  () ->
                      WorkspaceException.notFound(
                          "--input "
                              + text
                              + ": data asset "
                              + ref.name()
                              + (v == null ? "" : " version " + v)
                              + " not found"));
      path = Path.of(data.path());
      if (data.linked()
          && Files.exists(path)
          && !ArtifactStore.listingDigest(path).equals(data.digest())) {
        System.err.println(
            "batchscore: warning: data asset "
                + data.id()
                + " (linked "
                + path
                + ") changed since it was created");
      }
      type = type == null ? data.type() : type;
    } else if (text.startsWith("azureml://datastores/workspaceblobstore/paths/")) {
      path =
          ws.datastore()
              .resolve(text.substring("azureml://datastores/workspaceblobstore/paths/".length()))
              .normalize();
    } else {
      Path p = Path.of(text);
      if (!p.isAbsolute()) {
        if (req.baseDir() == null) {
          throw WorkspaceException.badRequest("--input " + text + ": needs an absolute path");
        }
        p = req.baseDir().resolve(p);
      }
      path = p.toAbsolutePath().normalize();
    }
    if (!Files.exists(path)) {
      throw WorkspaceException.badRequest("--input " + text + ": " + path + " does not exist");
    }
    if (!Files.isReadable(path)) {
      throw WorkspaceException.badRequest("--input " + text + ": " + path + " is not readable");
    }
    boolean folder = Files.isDirectory(path);
    if (type == null) {
      type = folder ? "uri_folder" : "uri_file";
    }
    if (type.equals("uri_folder") != folder
        || !(type.equals("uri_folder") || type.equals("uri_file"))) {
      throw WorkspaceException.badRequest(
          "--input-type "
              + type
              + ": "
              + path
              + " is a "
              + (folder ? "folder (uri_folder)" : "file (uri_file)"));
    }
    return new Input(path, type);
  }

  private static int parseVersion(String text, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw WorkspaceException.badRequest(
          "--input " + text + ": version '" + v + "' is not a positive integer");
    }
  }

  private static Map<String, String> overrides(InvokeRequest req) {
    Map<String, String> o = new LinkedHashMap<>();
    if (req.miniBatchSize() != null) {
      o.put("mini_batch_size", String.valueOf(req.miniBatchSize()));
    }
    if (req.instanceCount() != null) {
      o.put("resources.instance_count", String.valueOf(req.instanceCount()));
    }
    o.putAll(req.settings());
    if (req.outputFile() != null) {
      o.put("output_file_name", String.valueOf(Path.of(req.outputFile()).getFileName()));
    }
    return o;
  }

  /** A UriFile output: an absolute path, in an existing folder, that names no file yet. */
  private Path outputFile(InvokeRequest req) {
    if (req.outputFile() == null) {
      return null;
    }
    if (req.outputPath() != null) {
      throw WorkspaceException.badRequest(
          "output: give an output folder or an output file," + " not both");
    }
    String datastore = "azureml://datastores/workspaceblobstore/paths/";
    Path file =
        req.outputFile().startsWith(datastore)
            ? ws.datastore().resolve(req.outputFile().substring(datastore.length()))
            : Path.of(req.outputFile());
    if (!file.isAbsolute() || file.getFileName() == null || file.getParent() == null) {
      throw WorkspaceException.badRequest(
          "output " + req.outputFile() + ": a UriFile output" + " needs an absolute file path");
    }
    file = file.normalize();
    if (req.outputFile().startsWith(datastore) && !file.startsWith(ws.datastore())) {
      throw WorkspaceException.badRequest(
          "output " + req.outputFile() + ": outside the" + " datastore");
    }
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw WorkspaceException.conflict(
          "output "
              + file
              + " exists already; a job never"
              + " overwrites an output file (name another file)");
    }
    return file;
  }

  /** The driver reads the job's deployment with its overrides, as it will when it runs. */
  private Deployment check(StoredDeployment d, Map<String, String> overrides, boolean spark) {
    List<String> sets = new ArrayList<>();
    overrides.forEach(
        (k, v) -> {
          if (!(spark && k.startsWith("spark."))) { // Spark's settings, for the driver's Spark
            sets.add(k + "=" + v);
          }
        });
    try {
      return DeploymentLoader.fromYaml(Json.YAML.writeValueAsString(d.document()), ws.dir(), sets);
    } catch (DeploymentException e) {
      throw WorkspaceException.badRequest(
          "batch deployment "
              + d.name()
              + " with the job's"
              + " settings: "
              + e.getMessage().replace(DeploymentLoader.INLINE + ": ", ""));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path output(InvokeRequest req, String name) {
    String text = req.outputPath();
    if (text == null) {
      return ws.defaultOutput(name);
    }
    if (text.startsWith("azureml://datastores/workspaceblobstore/paths/")) {
      return ws.datastore()
          .resolve(text.substring("azureml://datastores/workspaceblobstore/paths/".length()))
          .normalize();
    }
    if (text.startsWith("azureml:")) {
      throw WorkspaceException.badRequest(
          "--output-path "
              + text
              + ": only the"
              + " workspaceblobstore datastore or a local folder");
    }
    Path p = Path.of(text);
    if (!p.isAbsolute()) {
      if (req.baseDir() == null) {
        throw WorkspaceException.badRequest(
            "--output-path " + text + ": needs an absolute" + " path");
      }
      p = req.baseDir().resolve(p);
    }
    p = p.toAbsolutePath().normalize();
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw WorkspaceException.badRequest("--output-path " + p + ": is a file, not a folder");
    }
    return p;
  }

  /**
   * Writes the deployment file a job's driver reads.
   *
   * @param ws the workspace
   * @param job the job
   * @return the file
   * @throws java.io.IOException when it cannot be written
   */
  static Path writeDeployment(Workspace ws, JobRecord job) throws java.io.IOException {
    Path dir = ws.jobDir(job.name());
    Files.createDirectories(dir);
    Path file = dir.resolve("deployment.yml");
    ObjectNode doc = job.document();
    Files.writeString(file, Json.YAML.writeValueAsString(doc));
    return file;
  }
}
