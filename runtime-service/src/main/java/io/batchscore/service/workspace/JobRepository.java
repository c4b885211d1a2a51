package io.batchscore.service.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code jobs} table, which is also the queue. Every change of state is one conditional
 * UPDATE on the state it expects ({@code ... WHERE status = 'Queued'}), so that two processes
 * (the CLI canceling, the runner claiming) never both win.
 */
public final class JobRepository {

  private static final String COLUMNS =
      "name, seq, status, endpoint_name, deployment_name,"
          + " model, input, input_type, output_path, overrides, document, created_by, creation_time,"
          + " start_time, end_time, items, succeeded, failed, error, attempts, resume,"
          + " cancel_requested, runner, driver_pid, driver_started, updated_by";

  private final Jdbi db;

  /** @param db the workspace's database */
  public JobRepository(Jdbi db) {
    this.db = db;
  }

  /**
   * @param h a handle
   * @param j the queued job
   */
  public static void insert(Handle h, JobRecord j) {
    h.createUpdate(
            "INSERT INTO jobs ("
                + COLUMNS
                + ") VALUES (:name, :seq, :status, :endpoint,"
                + " :deployment, :model, :input, :inputType, :outputPath, :overrides, :document,"
                + " :createdBy, :creationTime, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL,"
                + " NULL, NULL, NULL)")
        .bind("name", j.name())
        .bind("seq", j.seq())
        .bind("status", j.status())
        .bind("endpoint", j.endpointName())
        .bind("deployment", j.deploymentName())
        .bind("model", j.model())
        .bind("input", j.input())
        .bind("inputType", j.inputType())
        .bind("outputPath", j.outputPath())
        .bind("overrides", Json.write(j.overrides()))
        .bind("document", Json.write(j.document()))
        .bind("createdBy", j.createdBy())
        .bind("creationTime", j.creationTime())
        .execute();
  }

  /**
   * @param h a handle
   * @param name a job
   * @param file the file its predictions are published to (a UriFile output)
   */
  public static void setOutputFile(Handle h, String name, String file) {
    h.createUpdate("UPDATE jobs SET output_file = :file WHERE name = :name")
        .bind("file", file)
        .bind("name", name)
        .execute();
  }

  /**
   * @param name a job
   * @return the file its predictions are published to, when its output is a UriFile
   */
  public Optional<String> outputFile(String name) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT output_file FROM jobs WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
  }

  /**
   * @param h a handle
   * @return the next queue position
   */
  public static long nextSeq(Handle h) {
    return h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs").mapTo(Long.class).one();
  }

  /**
   * @param name a job's name
   * @return the job
   */
  public Optional<JobRecord> find(String name) {
    return db.withHandle(h -> find(h, name));
  }

  /**
   * @param h a handle
   * @param name a job's name
   * @return the job
   */
  public static Optional<JobRecord> find(Handle h, String name) {
    return h.createQuery("SELECT " + COLUMNS + " FROM jobs WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /**
   * @param endpoint an endpoint, or null for all
   * @param deployment a deployment of it, or null for all
   * @return the jobs, oldest first
   */
  public List<JobRecord> list(String endpoint, String deployment) {
    String where =
        (endpoint == null ? "" : " AND endpoint_name = :endpoint")
            + (deployment == null ? "" : " AND deployment_name = :deployment");
    return db.withHandle(
        h -> {
          var q =
              h.createQuery(
                  "SELECT " + COLUMNS + " FROM jobs WHERE 1 = 1" + where + " ORDER BY seq");
          if (endpoint != null) {
            q.bind("endpoint", endpoint);
          }
          if (deployment != null) {
            q.bind("deployment", deployment);
          }
          return q.map((rs, ctx) -> row(rs)).list();
        });
  }

  /**
   * @param status a status
   * @return the jobs in it, in queue order
   */
  public List<JobRecord> withStatus(String status) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM jobs WHERE status =" + " :status ORDER BY seq")
                .bind("status", status)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /**
   * @param h a handle
   * @param endpoint an endpoint
   * @param deployment one of its deployments, or null for any
   * @return how many of its jobs are queued or running
   */
  public static int active(Handle h, String endpoint, String deployment) {
    var q =
        h.createQuery(
                "SELECT COUNT(*) FROM jobs WHERE endpoint_name = :endpoint AND status"
                    + " IN ('Queued', 'Running')"
                    + (deployment == null ? "" : " AND deployment_name =" + " :deployment"))
            .bind("endpoint", endpoint);
    if (deployment != null) {
      q.bind("deployment", deployment);
    }
    return q.mapTo(Integer.class).one();
  }

  /**
   * @param h a handle
   * @param outputPath an output folder
   * @return a queued or running job writing there
   */
  public static Optional<String> activeWithOutput(Handle h, String outputPath) {
    return h.createQuery(
            "SELECT name FROM jobs WHERE output_path = :path AND status IN"
                + " ('Queued', 'Running')")
        .bind("path", outputPath)
        .mapTo(String.class)
        .findFirst();
  }

  /**
   * Claims a queued job for a runner.
   *
   * @param name the job
   * @param runner the runner's id
   * @param now the start time
   * @return whether this call claimed it
   */
  public boolean claim(String name, String runner, String now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE jobs SET status = 'Running', runner ="
                            + " :runner, start_time = COALESCE(start_time, :now), end_time = NULL, error = NULL"
                            + " WHERE name = :name AND status = 'Queued'")
                    .bind("name", name)
                    .bind("runner", runner)
                    .bind("now", now)
                    .execute())
        == 1;
  }

  /**
   * Records a running job's driver process.
   *
   * @param name the job
   * @param runner the runner that runs it
   * @param pid the driver's process id
   * @param started the driver's start instant
   */
  public void driverStarted(String name, String runner, long pid, String started) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE jobs SET runner = :runner, driver_pid = :pid,"
                        + " driver_started = :started, resume = 1, attempts = attempts + 1 WHERE name"
                        + " = :name AND status = 'Running'")
                .bind("name", name)
                .bind("runner", runner)
                .bind("pid", pid)
                .bind("started", started)
                .execute());
  }

  /**
   * Ends a running job.
   *
   * @param name the job
   * @param status {@code Completed}, {@code Failed} or {@code Canceled}
   * @param items items scored, or null when unknown
   * @param succeeded items with a row, or null
   * @param failed failed items, or null
   * @param error the reason, or null
   * @param now the end time
   * @return whether the job was running (and is now ended)
   */
  public boolean finish(
      String name,
      String status,
      Long items,
      Long succeeded,
      Long failed,
      String error,
      String now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE jobs SET status = :status, items = :items,"
                            + " succeeded = :succeeded, failed = :failed, error = :error, end_time = :now,"
                            + " driver_pid = NULL, driver_started = NULL, cancel_requested = 0 WHERE name ="
                            + " :name AND status = 'Running'")
                    .bind("name", name)
                    .bind("status", status)
                    .bind("items", items)
                    .bind("succeeded", succeeded)
                    .bind("failed", failed)
                    .bind("error", error)
                    .bind("now", now)
                    .execute())
        == 1;
  }

  /**
   * Cancels a job still in the queue.
   *
   * @param name the job
   * @param subject who cancels it
   * @param now the end time
   * @return whether it was queued (and is now canceled)
   */
  public boolean cancelQueued(String name, String subject, String now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE jobs SET status = 'Canceled', end_time ="
                            + " :now, error = :error, updated_by = :subject WHERE name = :name AND status ="
                            + " 'Queued'")
                    .bind("name", name)
                    .bind("now", now)
                    .bind("error", "canceled by " + subject)
                    .bind("subject", subject)
                    .execute())
        == 1;
  }

  /**
   * Asks the runner to cancel a running job.
   *
   * @param name the job
   * @param subject who cancels it
   * @return whether it was running
   */
  public boolean requestCancel(String name, String subject) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE jobs SET cancel_requested = 1, updated_by"
                            + " = :subject WHERE name = :name AND status = 'Running'")
                    .bind("name", name)
                    .bind("subject", subject)
                    .execute())
        == 1;
  }

  /**
   * Puts a canceled or failed job back in the queue, to continue in its folder.
   *
   * @param name the job
   * @param subject who resumes it
   * @param seq its new place in the queue
   * @return whether it was canceled or failed
   */
  public boolean requeue(String name, String subject, long seq) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE jobs SET status = 'Queued', seq = :seq,"
                            + " end_time = NULL, error = NULL, cancel_requested = 0, updated_by = :subject"
                            + " WHERE name = :name AND status IN ('Canceled', 'Failed')")
                    .bind("name", name)
                    .bind("subject", subject)
                    .bind("seq", seq)
                    .execute())
        == 1;
  }

  /**
   * Puts a running job whose runner died back in its runner's hands (adopted or resumed).
   *
   * @param name the job
   * @param runner the new runner
   */
  public void reassign(String name, String runner) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE jobs SET runner = :runner WHERE name = :name AND"
                        + " status = 'Running'")
                .bind("name", name)
                .bind("runner", runner)
                .execute());
  }

  /**
   * @param name a finished job
   * @return whether it was finished (and is now deleted)
   */
  public boolean deleteFinished(String name) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "DELETE FROM jobs WHERE name = :name AND status"
                            + " IN ('Completed', 'Failed', 'Canceled')")
                    .bind("name", name)
                    .execute())
        == 1;
  }

  private static JobRecord row(ResultSet rs) throws SQLException {
    long pid = rs.getLong("driver_pid");
    Long driverPid = rs.wasNull() ? null : pid;
    return new JobRecord(
        rs.getString("name"),
        rs.getLong("seq"),
        rs.getString("status"),
        rs.getString("endpoint_name"),
        rs.getString("deployment_name"),
        rs.getString("model"),
        rs.getString("input"),
        rs.getString("input_type"),
        rs.getString("output_path"),
        Json.stringMap(rs.getString("overrides")),
        Json.object(rs.getString("document")),
        rs.getString("created_by"),
        rs.getString("creation_time"),
        rs.getString("start_time"),
        rs.getString("end_time"),
        nullableLong(rs, "items"),
        nullableLong(rs, "succeeded"),
        nullableLong(rs, "failed"),
        rs.getString("error"),
        rs.getInt("attempts"),
        rs.getInt("resume") != 0,
        rs.getInt("cancel_requested") != 0,
        rs.getString("runner"),
        driverPid,
        rs.getString("driver_started"),
        rs.getString("updated_by"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
