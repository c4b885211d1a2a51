package io.batchscore.service.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every operation on a workspace that the CLI verbs perform, for the CLI and the REST routes
 * alike. Implementations are safe to call from several threads; each call is one transaction:
 * when it throws {@link WorkspaceException} nothing was created or changed.
 *
 * <p>Names: models and data assets have versions (positive integers, as text); a {@code null}
 * version means the latest one that is not archived. Lists are in creation order.
 *
 * <p>Jobs: {@link #invoke} only queues a job and returns; a runner (a background process started
 * by {@link #ensureRunner}, or the serving process's own, {@link #runJobs}) runs each job's driver
 * in a child process, at most {@link WorkspaceInfo#maxConcurrentJobs()} at once, in FIFO order.
 */
public interface WorkspaceService extends AutoCloseable {

  /**
   * Opens (creating and migrating as needed) the workspace in a folder.
   *
   * @param workspaceDir the workspace folder
   * @param databaseUrl a JDBC URL to keep in the workspace's settings (PostgreSQL for a shared
   *     service), or {@code null} for the one already set (default: SQLite in the folder)
   * @return the workspace's operations; close it when done
   */
  static WorkspaceService open(Path workspaceDir, String databaseUrl) {
    return io.batchscore.service.workspace.LocalWorkspaceService.open(workspaceDir, databaseUrl);
  }

  /** @return the workspace's settings */
  WorkspaceInfo info();

  /**
   * Changes the workspace's settings; {@code null} keeps a setting as it is.
   *
   * @param maxConcurrentJobs jobs run at once (at least 1)
   * @param serverAddress the address scoring URIs start with
   * @param jobRetentionDays finished jobs older than this many days are cleaned up; 0 keeps them
   * @return the settings after the change
   */
  WorkspaceInfo updateSettings(
      Integer maxConcurrentJobs, String serverAddress, Integer jobRetentionDays);

  // ---------------------------------------------------------------------------------- models

  /**
   * Registers a model version, copying its file or folder into the workspace.
   *
   * @param spec {@code name}, {@code version} (optional: the next one), {@code path}, {@code
   *     type}, {@code description}, {@code tags}
   * @return the version created
   */
  ModelInfo createModel(ResourceSpec spec);

  /**
   * @param name a model's name to list its versions, or {@code null} for the latest version of
   *     every model
   * @param includeArchived whether archived versions are listed
   * @return the versions
   */
  List<ModelInfo> listModels(String name, boolean includeArchived);

  /**
   * @param name the model's name
   * @param version its version, or {@code null} for the latest
   * @return that version
   */
  ModelInfo showModel(String name, String version);

  /**
   * Archives a model version (or every version when {@code version} is null); refused while a
   * deployment uses it, naming the deployment.
   *
   * @param name the model's name
   * @param version the version, or {@code null} for all
   * @return the archived versions
   */
  List<ModelInfo> archiveModel(String name, String version);

  // ------------------------------------------------------------------------------------ data

  /**
   * Creates a data asset version: copies a local path into the workspace, or links it in place.
   *
   * @param spec {@code name}, {@code version} (optional), {@code type} ({@code uri_folder} or
   *     {@code uri_file}), {@code path} (or the older {@code local_path}), {@code description}
   * @param link reference the path in place (its listing digest recorded) instead of copying it
   * @return the version created
   */
  DataInfo createData(ResourceSpec spec, boolean link);

  /**
   * @param name a data asset's name to list its versions, or {@code null} for the latest of each
   * @return the versions
   */
  List<DataInfo> listData(String name);

  /**
   * @param name the asset's name
   * @param version its version, or {@code null} for the latest
   * @return that version
   */
  DataInfo showData(String name, String version);

  // --------------------------------------------------------------------------------- compute

  /**
   * @param spec {@code name}, {@code type: amlcompute}, {@code min_instances}, {@code
   *     max_instances}, {@code size}, ...; or {@code type: spark} and {@code master} (a Spark
   *     master URL: {@code spark://HOST:7077}, {@code local[N]}, {@code yarn}, {@code k8s://...})
   * @return the compute created (or replaced, as {@code az ml compute create} does)
   */
  ComputeInfo createCompute(ResourceSpec spec);

  /** @return every compute */
  List<ComputeInfo> listComputes();

  /**
   * @param name the compute's name
   * @return it
   */
  ComputeInfo showCompute(String name);

  // ------------------------------------------------------------------------------- endpoints

  /**
   * @param spec {@code name}, {@code auth_mode}, {@code description}, {@code
   *     defaults.deployment_name} (must name an existing deployment when given), {@code tags}
   * @return the endpoint created
   */
  EndpointInfo createEndpoint(ResourceSpec spec);

  /**
   * @param spec {@code name} and the keys to change
   * @return the endpoint after the change
   */
  EndpointInfo updateEndpoint(ResourceSpec spec);

  /**
   * @param name the endpoint's name
   * @return it, with its {@code scoring_uri}
   */
  EndpointInfo showEndpoint(String name);

  /** @return every endpoint */
  List<EndpointInfo> listEndpoints();

  /**
   * Deletes an endpoint and its deployments; its jobs' records and outputs are kept. Refused
   * while one of its jobs is queued or running.
   *
   * @param name the endpoint's name
   */
  void deleteEndpoint(String name);

  // ----------------------------------------------------------------------------- deployments

  /**
   * Creates a deployment: resolves its model reference ({@code azureml:NAME@latest}, {@code
   * azureml:NAME:VERSION}, or an inline path, which is registered as an anonymous model), copies
   * its scorer code into the workspace and checks its settings as the driver would.
   *
   * @param spec the deployment YAML, with {@code endpoint_name}
   * @param setDefault make it the endpoint's default deployment
   * @return the deployment created
   */
  DeploymentInfo createDeployment(ResourceSpec spec, boolean setDefault);

  /**
   * Updates a deployment with the keys given (the model reference is resolved again only when
   * {@code model} is among them).
   *
   * @param spec {@code name}, {@code endpoint_name} and the keys to change
   * @param setDefault also make it the endpoint's default deployment
   * @return the deployment after the change
   */
  DeploymentInfo updateDeployment(ResourceSpec spec, boolean setDefault);

  /**
   * @param endpointName the endpoint
   * @param name the deployment
   * @return it
   */
  DeploymentInfo showDeployment(String endpointName, String name);

  /**
   * @param endpointName the endpoint
   * @return its deployments
   */
  List<DeploymentInfo> listDeployments(String endpointName);

  /**
   * The YAML text an endpoint or a deployment was last created or updated from, comments and
   * all, as the file held it but for the values of secret-looking {@code environment_variables},
   * shown as {@code '****'}.
   *
   * @param endpointName the endpoint
   * @param deploymentName one of its deployments, or null for the endpoint itself
   * @return the text; empty when it was created from flags or JSON only
   */
  Optional<String> storedYaml(String endpointName, String deploymentName);

  /**
   * Deletes a deployment (not its jobs); refused while it is the default of an endpoint that has
   * other deployments, or while one of its jobs is queued or running.
   *
   * @param endpointName the endpoint
   * @param name the deployment
   */
  void deleteDeployment(String endpointName, String name);

  // ------------------------------------------------------------------------------------ jobs

  /**
   * Checks everything it can (endpoint, deployment, input, overrides, output path) and queues a
   * job; returns at once, never waiting for it to run.
   *
   * @param request the endpoint, input and overrides
   * @param subject who invokes it (a token's subject, or the local user's name)
   * @return the queued job
   */
  JobInfo invoke(InvokeRequest request, String subject);

  /**
   * @param endpointName only this endpoint's jobs, or {@code null}
   * @param deploymentName only this deployment's jobs (with {@code endpointName}), or {@code null}
   * @return jobs, oldest first
   */
  List<JobInfo> listJobs(String endpointName, String deploymentName);

  /**
   * @param name the job's name
   * @return the job
   */
  JobInfo showJob(String name);

  /**
   * Cancels a job: a queued job ends {@code Canceled} at once; a running one's driver gets
   * SIGTERM (it finishes its running mini-batches and ends resumable). A finished job is
   * returned as it is.
   *
   * @param name the job's name
   * @param subject who cancels it
   * @return the job after the request
   */
  JobInfo cancelJob(String name, String subject);

  /**
   * Queues a canceled or failed job again, to continue in its own folder ({@code --resume}).
   *
   * @param name the job's name
   * @param subject who resumes it
   * @return the job, {@code Queued}
   */
  JobInfo resumeJob(String name, String subject);

  /**
   * Removes a finished job's record and its output folder.
   *
   * @param name the job's name
   */
  void deleteJob(String name);

  /**
   * Copies a job's outputs to {@code downloadDir/named-outputs/OUTPUT_NAME/} (the predictions
   * file and the {@code logs/} tree).
   *
   * @param name the job's name
   * @param outputName {@code score} (the only output of a batch job), or {@code null}
   * @param downloadDir the folder to copy into
   * @return the folder the outputs were copied to
   */
  Path downloadJob(String name, String outputName, Path downloadDir);

  /**
   * @param name the job's name
   * @return the job's output folder in the workspace (or where {@code --output-path} put it),
   *     for serving its files
   */
  Path jobOutputDir(String name);

  /**
   * Reads the job's driver log (the console of its child process) from a byte offset.
   *
   * @param name the job's name
   * @param offset where to start, 0 for the beginning
   * @return the text from there, the next offset, and whether the job has ended
   */
  LogChunk readJobLog(String name, long offset);

  // ---------------------------------------------------------------------------------- runner

  /**
   * Starts a background runner process for this workspace when jobs are waiting (queued, or
   * running with no live runner) and no runner is alive; it exits once no job is left. Called by
   * every local CLI command, so a single user never starts anything by hand.
   *
   * @return whether a runner was started
   */
  boolean ensureRunner();

  /**
   * Runs this workspace's jobs in this process until the returned handle is closed (for {@code
   * batchscore serve}): takes the workspace's runner lock, adopts or resumes jobs a dead runner
   * left, and runs queued ones. Closing it stops taking jobs; running drivers go on and the next
   * runner adopts them.
   *
   * @return the running runner
   * @throws WorkspaceException {@code CONFLICT} when another runner holds the workspace
   */
  AutoCloseable runJobs();

  /** Releases the database connections. */
  @Override
  void close();
}
