package io.batchscore.service.workspace;

import io.batchscore.service.api.ComputeInfo;
import io.batchscore.service.api.DataInfo;
import io.batchscore.service.api.DeploymentInfo;
import io.batchscore.service.api.EndpointInfo;
import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.LogChunk;
import io.batchscore.service.api.ModelInfo;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.ServerAddress;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.api.WorkspaceInfo;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.auth.SecretYaml;
import io.batchscore.service.jobs.JobControl;
import io.batchscore.service.jobs.JobOperations;
import io.batchscore.service.jobs.JobRunner;
import io.batchscore.service.jobs.RunnerLock;
import io.batchscore.service.jobs.RunnerStarter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The workspace service on a local folder and its database. */
public final class LocalWorkspaceService implements WorkspaceService {

  private final Workspace ws;
  private final AssetOperations assets;
  private final EndpointOperations endpoints;
  private final JobOperations invoke;
  private final JobControl jobs;

  private LocalWorkspaceService(Workspace ws) {
    this.ws = ws;
    ArtifactStore store = new ArtifactStore(ws.dir().resolve("artifacts"));
    this.assets = new AssetOperations(ws.db(), store);
    this.endpoints =
        new EndpointOperations(
            ws.db(), new DeploymentResolver(store, ws.dir()), () -> ws.settings().serverAddress());
    this.invoke = new JobOperations(ws);
    this.jobs = new JobControl(ws);
  }

  /**
   * @param dir the workspace folder (created when missing)
   * @param databaseUrl a JDBC URL to set, or null for the one set (default SQLite)
   * @return the opened workspace
   */
  public static LocalWorkspaceService open(Path dir, String databaseUrl) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
    } catch (IOException e) {
      throw WorkspaceException.badRequest(
          "--workspace " + dir + ": cannot create: " + e.getMessage());
    }
    WorkspaceSettings s = WorkspaceSettings.load(abs);
    if (databaseUrl != null && !databaseUrl.equals(s.database())) {
      s =
          new WorkspaceSettings(
              databaseUrl, s.serverAddress(), s.maxConcurrentJobs(), s.jobRetentionDays());
      Database.open(s.jdbcUrl(abs));
      s.save(abs);
    } else if (!Files.exists(abs.resolve(WorkspaceSettings.FILE))) {
      s.save(abs);
    }
    return new LocalWorkspaceService(new Workspace(abs, Database.open(s.jdbcUrl(abs))));
  }

  /** @return the opened workspace, for the runner */
  public Workspace workspace() {
    return ws;
  }

  @Override
  public WorkspaceInfo info() {
    WorkspaceSettings s = ws.settings();
    return new WorkspaceInfo(
        ws.dir().toString(),
        Database.redact(s.jdbcUrl(ws.dir())),
        s.serverAddress(),
        s.maxConcurrentJobs(),
        s.jobRetentionDays(),
        ws.datastore().toString());
  }

  @Override
  public WorkspaceInfo updateSettings(
      Integer maxConcurrentJobs, String serverAddress, Integer jobRetentionDays) {
    WorkspaceSettings s = ws.settings();
    if (maxConcurrentJobs != null && maxConcurrentJobs < 1) {
      throw WorkspaceException.badRequest(
          "--max-concurrent-jobs must be at least 1, not " + maxConcurrentJobs);
    }
    if (jobRetentionDays != null && jobRetentionDays < 0) {
      throw WorkspaceException.badRequest(
          "--job-retention-days must be 0 or more, not " + jobRetentionDays);
    }
    String address =
        serverAddress != null
            ? ServerAddress.check("--server-address", serverAddress)
            : s.serverAddress();
    new WorkspaceSettings(
            s.database(),
            address,
            maxConcurrentJobs != null ? maxConcurrentJobs : s.maxConcurrentJobs(),
            jobRetentionDays != null ? jobRetentionDays : s.jobRetentionDays())
        .save(ws.dir());
    return info();
  }

  @Override
  public ModelInfo createModel(ResourceSpec spec) {
    return assets.createModel(spec);
  }

  @Override
  public List<ModelInfo> listModels(String name, boolean includeArchived) {
    return assets.listModels(name, includeArchived);
  }

  @Override
  public ModelInfo showModel(String name, String version) {
    return assets.showModel(name, version);
  }

  @Override
  public List<ModelInfo> archiveModel(String name, String version) {
    return assets.archiveModel(name, version);
  }

  @Override
  public DataInfo createData(ResourceSpec spec, boolean link) {
    return assets.createData(spec, link);
  }

  @Override
  public List<DataInfo> listData(String name) {
    return assets.listData(name);
  }

  @Override
  public DataInfo showData(String name, String version) {
    return assets.showData(name, version);
  }

  @Override
  public ComputeInfo createCompute(ResourceSpec spec) {
    return assets.createCompute(spec);
  }

  @Override
  public List<ComputeInfo> listComputes() {
    return assets.listComputes();
  }

  @Override
  public ComputeInfo showCompute(String name) {
    return assets.showCompute(name);
  }

  @Override
  public EndpointInfo createEndpoint(ResourceSpec spec) {
    return endpoints.createEndpoint(spec);
  }

  @Override
  public EndpointInfo updateEndpoint(ResourceSpec spec) {
    return endpoints.updateEndpoint(spec);
  }

  @Override
  public EndpointInfo showEndpoint(String name) {
    return endpoints.showEndpoint(name);
  }

  @Override
  public List<EndpointInfo> listEndpoints() {
    return endpoints.listEndpoints();
  }

  @Override
  public void deleteEndpoint(String name) {
    endpoints.deleteEndpoint(name);
  }

  @Override
  public DeploymentInfo createDeployment(ResourceSpec spec, boolean setDefault) {
    return endpoints.createDeployment(spec, setDefault);
  }

  @Override
  public DeploymentInfo updateDeployment(ResourceSpec spec, boolean setDefault) {
    return endpoints.updateDeployment(spec, setDefault);
  }

  @Override
  public Optional<String> storedYaml(String endpointName, String deploymentName) {
    return endpoints.storedYaml(endpointName, deploymentName).map(SecretYaml::mask);
  }

  @Override
  public DeploymentInfo showDeployment(String endpointName, String name) {
    return endpoints.showDeployment(endpointName, name);
  }

  @Override
  public List<DeploymentInfo> listDeployments(String endpointName) {
    return endpoints.listDeployments(endpointName);
  }

  @Override
  public void deleteDeployment(String endpointName, String name) {
    endpoints.deleteDeployment(endpointName, name);
  }

  @Override
  public JobInfo invoke(InvokeRequest request, String subject) {
    return invoke.invoke(request, subject);
  }

  @Override
  public List<JobInfo> listJobs(String endpointName, String deploymentName) {
    return jobs.list(endpointName, deploymentName);
  }

  @Override
  public JobInfo showJob(String name) {
    return jobs.show(name);
  }

  @Override
  public JobInfo cancelJob(String name, String subject) {
    return jobs.cancel(name, subject);
  }

  @Override
  public JobInfo resumeJob(String name, String subject) {
    return jobs.resume(name, subject);
  }

  @Override
  public void deleteJob(String name) {
    jobs.delete(name);
  }

  @Override
  public Path downloadJob(String name, String outputName, Path downloadDir) {
    return jobs.download(name, outputName, downloadDir);
  }

  @Override
  public Path jobOutputDir(String name) {
    return jobs.outputDir(name);
  }

  @Override
  public LogChunk readJobLog(String name, long offset) {
    return jobs.readLog(name, offset);
  }

  @Override
  public boolean ensureRunner() {
    return RunnerStarter.ensure(ws);
  }

  @Override
  public AutoCloseable runJobs() {
    if (RunnerLock.isHeld(ws.dir())) {
      throw WorkspaceException.conflict(
          "workspace " + ws.dir() + ": another runner holds" + " runner.lock");
    }
    JobRunner runner = new JobRunner(ws, false, System.err);
    Thread t = new Thread(runner, "batchscore-runner");
    t.setDaemon(true);
    t.start();
    return () -> {
      runner.stop();
      t.join(10_000);
    };
  }

  @Override
  public void close() {
    // Jdbi on a DataSource holds no connection between calls
  }
}
