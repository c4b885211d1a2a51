package io.batchscore.service.workspace;

import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/**
 * An opened workspace: its folder layout, its database and its settings.
 *
 * <pre>
 * WORKSPACE/workspace.json                     settings (database URL, job limit, server address)
 * WORKSPACE/workspace.db                       the SQLite database (unless another one is set)
 * WORKSPACE/artifacts/{models,code,data}/SHA   content-addressed copies
 * WORKSPACE/jobs/JOB/                          the job's deployment.yml and driver.log
 * WORKSPACE/datastores/workspaceblobstore/     the default datastore: job outputs under azureml/JOB/score
 * WORKSPACE/runner.lock, runner.log            the runner's lock and log
 * </pre>
 */
public final class Workspace {

  private final Path dir;
  private final Jdbi db;
  private final JobRepository jobs;

  /**
   * @param dir the workspace folder (absolute)
   * @param db its database
   */
  public Workspace(Path dir, Jdbi db) {
    this.dir = dir;
    this.db = db;
    this.jobs = new JobRepository(db);
  }

  /** @return the workspace folder */
  public Path dir() {
    return dir;
  }

  /** @return the database */
  public Jdbi db() {
    return db;
  }

  /** @return the jobs table */
  public JobRepository jobs() {
    return jobs;
  }

  /** @return the settings, read again (another process may have changed them) */
  public WorkspaceSettings settings() {
    return WorkspaceSettings.load(dir);
  }

  /**
   * @param job a job's name
   * @return its folder of runner files (deployment.yml, driver.log)
   */
  public Path jobDir(String job) {
    return dir.resolve("jobs").resolve(job);
  }

  /** @return the default datastore's folder */
  public Path datastore() {
    return dir.resolve("datastores").resolve("workspaceblobstore");
  }

  /**
   * @param job a job's name
   * @return its default output folder
   */
  public Path defaultOutput(String job) {
    return datastore().resolve("azureml").resolve(job).resolve("score");
  }
}
