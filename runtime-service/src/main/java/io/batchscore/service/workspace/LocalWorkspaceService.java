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
import io.batchscore.service.api.WorkspaceInfo;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Path;
import java.util.List;

/** The workspace service on a local folder and its database. */
public final class LocalWorkspaceService implements WorkspaceService {

  /**
   * @param dir the workspace folder
   * @param databaseUrl a JDBC URL to set, or null
   * @return the opened workspace
   */
  public static LocalWorkspaceService open(Path dir, String databaseUrl) {
    return new LocalWorkspaceService();
  }

  @Override
  public WorkspaceInfo info() {
    throw new UnsupportedOperationException("info: not implemented yet");
  }

  @Override
  public WorkspaceInfo updateSettings(Integer maxConcurrentJobs, String serverAddress,
      Integer jobRetentionDays) {
    throw new UnsupportedOperationException("updateSettings: not implemented yet");
  }

  @Override
  public ModelInfo createModel(ResourceSpec spec) {
    throw new UnsupportedOperationException("createModel: not implemented yet");
  }

  @Override
  public List<ModelInfo> listModels(String name, boolean includeArchived) {
    throw new UnsupportedOperationException("listModels: not implemented yet");
  }

  @Override
  public ModelInfo showModel(String name, String version) {
    throw new UnsupportedOperationException("showModel: not implemented yet");
  }

  @Override
  public List<ModelInfo> archiveModel(String name, String version) {
    throw new UnsupportedOperationException("archiveModel: not implemented yet");
  }

  @Override
  public DataInfo createData(ResourceSpec spec, boolean link) {
    throw new UnsupportedOperationException("createData: not implemented yet");
  }

  @Override
  public List<DataInfo> listData(String name) {
    throw new UnsupportedOperationException("listData: not implemented yet");
  }

  @Override
  public DataInfo showData(String name, String version) {
    throw new UnsupportedOperationException("showData: not implemented yet");
  }

  @Override
  public ComputeInfo createCompute(ResourceSpec spec) {
    throw new UnsupportedOperationException("createCompute: not implemented yet");
  }

  @Override
  public List<ComputeInfo> listComputes() {
    throw new UnsupportedOperationException("listComputes: not implemented yet");
  }

  @Override
  public ComputeInfo showCompute(String name) {
    throw new UnsupportedOperationException("showCompute: not implemented yet");
  }

  @Override
  public EndpointInfo createEndpoint(ResourceSpec spec) {
    throw new UnsupportedOperationException("createEndpoint: not implemented yet");
  }

  @Override
  public EndpointInfo updateEndpoint(ResourceSpec spec) {
    throw new UnsupportedOperationException("updateEndpoint: not implemented yet");
  }

  @Override
  public EndpointInfo showEndpoint(String name) {
    throw new UnsupportedOperationException("showEndpoint: not implemented yet");
  }

  @Override
  public List<EndpointInfo> listEndpoints() {
    throw new UnsupportedOperationException("listEndpoints: not implemented yet");
  }

  @Override
  public void deleteEndpoint(String name) {
    throw new UnsupportedOperationException("deleteEndpoint: not implemented yet");
  }

  @Override
  public DeploymentInfo createDeployment(ResourceSpec spec, boolean setDefault) {
    throw new UnsupportedOperationException("createDeployment: not implemented yet");
  }

  @Override
  public DeploymentInfo updateDeployment(ResourceSpec spec, boolean setDefault) {
    throw new UnsupportedOperationException("updateDeployment: not implemented yet");
  }

  @Override
  public DeploymentInfo showDeployment(String endpointName, String name) {
    throw new UnsupportedOperationException("showDeployment: not implemented yet");
  }

  @Override
  public List<DeploymentInfo> listDeployments(String endpointName) {
    throw new UnsupportedOperationException("listDeployments: not implemented yet");
  }

  @Override
  public void deleteDeployment(String endpointName, String name) {
    throw new UnsupportedOperationException("deleteDeployment: not implemented yet");
  }

  @Override
  public JobInfo invoke(InvokeRequest request, String subject) {
    throw new UnsupportedOperationException("invoke: not implemented yet");
  }

  @Override
  public List<JobInfo> listJobs(String endpointName, String deploymentName) {
    throw new UnsupportedOperationException("listJobs: not implemented yet");
  }

  @Override
  public JobInfo showJob(String name) {
    throw new UnsupportedOperationException("showJob: not implemented yet");
  }

  @Override
  public JobInfo cancelJob(String name, String subject) {
    throw new UnsupportedOperationException("cancelJob: not implemented yet");
  }

  @Override
  public JobInfo resumeJob(String name, String subject) {
    throw new UnsupportedOperationException("resumeJob: not implemented yet");
  }

  @Override
  public void deleteJob(String name) {
    throw new UnsupportedOperationException("deleteJob: not implemented yet");
  }

  @Override
  public Path downloadJob(String name, String outputName, Path downloadDir) {
    throw new UnsupportedOperationException("downloadJob: not implemented yet");
  }

  @Override
  public Path jobOutputDir(String name) {
    throw new UnsupportedOperationException("jobOutputDir: not implemented yet");
  }

  @Override
  public LogChunk readJobLog(String name, long offset) {
    throw new UnsupportedOperationException("readJobLog: not implemented yet");
  }

  @Override
  public boolean ensureRunner() {
    throw new UnsupportedOperationException("ensureRunner: not implemented yet");
  }

  @Override
  public AutoCloseable runJobs() {
    throw new UnsupportedOperationException("runJobs: not implemented yet");
  }

  @Override
  public void close() {
    // nothing yet
  }
}
