package io.batchscore.core.schedule;

/**
 * Runs a job's mini-batches outside this JVM's worker threads (on a Spark cluster, for example),
 * while the job in this JVM lists the input, commits results in order, counts failures against
 * the error threshold and writes the output folder exactly as a local job does.
 *
 * <p>The job calls {@link #run} once, on its own thread, after the input and outputs are
 * set up. The compute takes mini-batches from the {@link RemoteQueue}, scores them where it
 * likes, with the deployment's retry, timeout and isolation policy applied by its workers, and
 * reports each one back exactly once: {@link RemoteQueue#completed} with its final outcome, or
 * {@link RemoteQueue#lost} when it could not be run (the job then retries it as a failed
 * attempt). {@link #run} returns once {@link RemoteQueue#finished()} is true.
 */
public interface RemoteCompute extends AutoCloseable {

  /**
   * @return a line for the job log and the report, such as {@code spark local[2]}
   */
  String describe();

  /**
   * @return how many workers the compute runs at once (for the report and the error messages)
   */
  int workers();

  /**
   * @return how many mini-batches may be open (issued and not yet committed) at once; this bounds
   *     the driver's memory
   */
  int window();

  /**
   * Scores mini-batches from {@code queue} until it is finished.
   *
   * @param queue the job's side
   * @throws Exception when the compute fails as a whole; the job then fails with that reason
   */
  void run(RemoteQueue queue) throws Exception;

  /** Disconnects from the compute (stops a Spark application); by default nothing. */
  @Override
  default void close() throws Exception {}
}
