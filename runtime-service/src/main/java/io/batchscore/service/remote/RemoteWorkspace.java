package io.batchscore.service.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.ComputeInfo;
import io.batchscore.service.api.DataInfo;
import io.batchscore.service.api.DeploymentInfo;
import io.batchscore.service.api.EndpointInfo;
import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.LogChunk;
import io.batchscore.service.api.ModelInfo;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.api.WorkspaceInfo;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workspace operations of a {@code batchscore serve} over its REST API, for the CLI's {@code
 * --url} mode. Results are the same records as a local workspace's, so the verbs print the same
 * documents. The local files and folders of models, data assets and deployments are uploaded
 * ({@link FolderUploads}), as the {@code az} CLI uploads them, so the server needs no access to the
 * client's disk; a local input of an invocation is uploaded too. A data asset created with {@code
 * --link} and an invocation's local {@code --output-path} are sent as absolute paths, for the
 * server to open under its allowed roots. Errors come back as {@link WorkspaceException}s with
 * the server's message.
 */
public final class RemoteWorkspace implements WorkspaceService {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final RestClient rest;
  private final FolderUploads uploads;

  /**
   * @param url the server's address, {@code http(s)://HOST:PORT}
   * @param token the bearer token
   */
  public RemoteWorkspace(String url, String token) {
    this.rest = new RestClient(url, token);
    this.uploads = new FolderUploads(rest);
  }

  @Override
  public WorkspaceInfo info() {
    return rest.get("/workspace", WorkspaceInfo.class);
  }

  @Override
  public WorkspaceInfo updateSettings(
      Integer maxConcurrentJobs, String serverAddress, Integer jobRetentionDays) {
    ObjectNode body = JSON.createObjectNode();
    if (maxConcurrentJobs != null) {
      body.put("max_concurrent_jobs", maxConcurrentJobs);
    }
    if (serverAddress != null) {
      body.put("server_address", serverAddress);
    }
    if (jobRetentionDays != null) {
      body.put("job_retention_days", jobRetentionDays);
    }
    return rest.send("PATCH", "/workspace", body, WorkspaceInfo.class);
  }

  @Override
  public ModelInfo createModel(ResourceSpec spec) {
    return rest.send("POST", "/models", uploads.upload(spec, "models"), ModelInfo.class);
  }

  @Override
  public List<ModelInfo> listModels(String name, boolean includeArchived) {
    return rest.list(
        (name == null ? "/models" : "/models/" + RestClient.encode(name))
            + "?archived="
            + includeArchived,
        ModelInfo.class);
  }

  @Override
  public ModelInfo showModel(String name, String version) {
    return rest.get(
        "/models/"
            + RestClient.encode(name)
            + "/versions/"
            + (version == null ? "latest" : RestClient.encode(version)),
        ModelInfo.class);
  }

  @Override
  public List<ModelInfo> archiveModel(String name, String version) {
    String path =
        "/models/"
            + RestClient.encode(name)
            + (version == null ? "" : "/versions/" + RestClient.encode(version))
            + "/archive";
    return rest.listOf(rest.send("POST", path, null, JsonNode.class), ModelInfo.class);
  }

  @Override
  public DataInfo createData(ResourceSpec spec, boolean link) {
    return rest.send(
        "POST", "/data?link=" + link, uploads.upload(spec, link ? null : "data"), DataInfo.class);
  }

  @Override
  public List<DataInfo> listData(String name) {
    return rest.list(name == null ? "/data" : "/data/" + RestClient.encode(name), DataInfo.class);
  }

  @Override
  public DataInfo showData(String name, String version) {
    return rest.get(
        "/data/"
            + RestClient.encode(name)
            + "/versions/"
            + (version == null ? "latest" : RestClient.encode(version)),
        DataInfo.class);
  }

  @Override
  public ComputeInfo createCompute(ResourceSpec spec) {
    return rest.send("POST", "/computes", spec.document(), ComputeInfo.class);
  }

  @Override
  public List<ComputeInfo> listComputes() {
    return rest.list("/computes", ComputeInfo.class);
  }

  @Override
  public ComputeInfo showCompute(String name) {
    return rest.get("/computes/" + RestClient.encode(name), ComputeInfo.class);
  }

  @Override
  public EndpointInfo createEndpoint(ResourceSpec spec) {
    return rest.send("POST", "/endpoints", spec.document(), EndpointInfo.class);
  }

  @Override
  public EndpointInfo updateEndpoint(ResourceSpec spec) {
    return rest.send(
        "PATCH",
        "/endpoints/" + RestClient.encode(name(spec, "name")),
        spec.document(),
        EndpointInfo.class);
  }

  @Override
  public EndpointInfo showEndpoint(String name) {
    return rest.get("/endpoints/" + RestClient.encode(name), EndpointInfo.class);
  }

  @Override
  public List<EndpointInfo> listEndpoints() {
    return rest.list("/endpoints", EndpointInfo.class);
  }

  @Override
  public void deleteEndpoint(String name) {
    rest.send("DELETE", "/endpoints/" + RestClient.encode(name), null, JsonNode.class);
  }

  @Override
  public DeploymentInfo createDeployment(ResourceSpec spec, boolean setDefault) {
    return rest.send(
        "POST",
        "/endpoints/"
            + RestClient.encode(name(spec, "endpoint_name"))
            + "/deployments?setDefault="
            + setDefault,
        uploads.upload(spec, null),
        DeploymentInfo.class);
  }

  @Override
  public DeploymentInfo updateDeployment(ResourceSpec spec, boolean setDefault) {
    return rest.send(
        "PATCH",
        "/endpoints/"
            + RestClient.encode(name(spec, "endpoint_name"))
            + "/deployments/"
            + RestClient.encode(name(spec, "name"))
            + "?setDefault="
            + setDefault,
        uploads.upload(spec, null),
        DeploymentInfo.class);
  }

  @Override
  public Optional<String> storedYaml(String endpointName, String deploymentName) {
    String path =
        "/endpoints/"
            + RestClient.encode(endpointName)
            + (deploymentName == null ? "" : "/deployments/" + RestClient.encode(deploymentName))
            + "/yaml";
    JsonNode yaml = rest.get(path, JsonNode.class).get("yaml");
    return yaml == null || !yaml.isTextual() ? Optional.empty() : Optional.of(yaml.asText());
  }

  @Override
  public DeploymentInfo showDeployment(String endpointName, String name) {
    return rest.get(
        "/endpoints/" + RestClient.encode(endpointName) + "/deployments/" + RestClient.encode(name),
        DeploymentInfo.class);
  }

  @Override
  public List<DeploymentInfo> listDeployments(String endpointName) {
    return rest.list(
        "/endpoints/" + RestClient.encode(endpointName) + "/deployments", DeploymentInfo.class);
  }

  @Override
  public void deleteDeployment(String endpointName, String name) {
    rest.send(
        "DELETE",
        "/endpoints/" + RestClient.encode(endpointName) + "/deployments/" + RestClient.encode(name),
        null,
        JsonNode.class);
  }

  @Override
  public JobInfo invoke(InvokeRequest request, String subject) {
    if (!request.settings().isEmpty()) {
      throw WorkspaceException.badRequest(
          "--set is not available against a server (only"
              + " --mini-batch-size and --instance-count)");
    }
    ObjectNode properties = JSON.createObjectNode();
    ObjectNode input = properties.putObject("inputData").putObject("input");
    input.put(
        "uri",
        uploads.upload("command line", request.baseDir(), "--input", request.input(), "data"));
    if (request.inputType() != null) {
      input.put("jobInputType", request.inputType().equals("uri_file") ? "UriFile" : "UriFolder");
    }
    if (request.outputPath() != null) {
      properties
          .putObject("outputData")
          .putObject("score")
          .put("uri", LocalPaths.absolute(request.outputPath(), request.baseDir()))
          .put("jobOutputType", "UriFolder");
    }
    if (request.miniBatchSize() != null) {
      properties.put("miniBatchSize", request.miniBatchSize());
    }
    if (request.instanceCount() != null) {
      properties.put("instanceCount", request.instanceCount());
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("properties", properties);
    return job(
        rest.send(
            "POST",
            "/endpoints/" + RestClient.encode(request.endpointName()) + "/jobs",
            body,
            JsonNode.class,
            request.deploymentName()));
  }

  @Override
  public List<JobInfo> listJobs(String endpointName, String deploymentName) {
    String path =
        endpointName == null
            ? "/jobs"
            : "/endpoints/"
                + RestClient.encode(endpointName)
                + (deploymentName == null
                    ? ""
                    : "/deployments/" + RestClient.encode(deploymentName))
                + "/jobs";
    List<JobInfo> jobs = new ArrayList<>();
    rest.get(path, JsonNode.class).forEach(resource -> jobs.add(job(resource)));
    return jobs;
  }

  @Override
  public JobInfo showJob(String name) {
    return job(rest.get("/jobs/" + RestClient.encode(name), JsonNode.class));
  }

  @Override
  public JobInfo cancelJob(String name, String subject) {
    return job(
        rest.send("POST", "/jobs/" + RestClient.encode(name) + "/cancel", null, JsonNode.class));
  }

  @Override
  public JobInfo resumeJob(String name, String subject) {
    return job(
        rest.send("POST", "/jobs/" + RestClient.encode(name) + "/resume", null, JsonNode.class));
  }

  @Override
  public void deleteJob(String name) {
    rest.send("DELETE", "/jobs/" + RestClient.encode(name), null, JsonNode.class);
  }

  @Override
  public Path downloadJob(String name, String outputName, Path downloadDir) {
    Path target =
        downloadDir.resolve("named-outputs").resolve(outputName == null ? "score" : outputName);
    JsonNode files =
        rest.get("/jobs/" + RestClient.encode(name) + "/outputs", JsonNode.class).path("files");
    for (JsonNode file : files) {
      rest.download(
          "/jobs/" + RestClient.encode(name) + "/outputs/" + file.asText(),
          LocalPaths.inside(target, file.asText()));
    }
    return target;
  }

  @Override
  public Path jobOutputDir(String name) {
    throw WorkspaceException.badRequest(
        "a job's output folder is on the server: use job" + " download");
  }

  @Override
  public LogChunk readJobLog(String name, long offset) {
    return rest.get("/jobs/" + RestClient.encode(name) + "/log?offset=" + offset, LogChunk.class);
  }

  @Override
  public boolean ensureRunner() {
    return false;
  }

  @Override
  public AutoCloseable runJobs() {
    throw WorkspaceException.badRequest("the server runs its own jobs");
  }

  @Override
  public void close() {}

  private static JobInfo job(JsonNode resource) {
    return RestClient.convert(resource.path("properties"), JobInfo.class);
  }

  private static String name(ResourceSpec spec, String key) {
    JsonNode name = spec.document().get(key);
    if (name == null || !name.isTextual()) {
      throw WorkspaceException.badRequest(spec.source() + ": " + key + " missing");
    }
    return name.asText();
  }
}
