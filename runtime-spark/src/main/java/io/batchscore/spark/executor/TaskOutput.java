package io.batchscore.spark.executor;

import java.io.Serializable;
import java.util.List;

/**
 * What one Spark task sends back: the outcomes of its mini-batches and the log lines its workers
 * wrote meanwhile.
 *
 * @param outcomes one per mini-batch of the task, in order
 * @param logs the workers' lines, in the order they were taken
 * @param warm whether the task's scorer had run a task before (so its time holds no warm-up)
 */
public record TaskOutput(List<BatchOutcome> outcomes, List<WorkerLines> logs, boolean warm)
    implements Serializable {

  /**
   * A worker's log lines.
   *
   * @param node the executor's node name
   * @param process the worker's number in it
   * @param lines the lines
   */
  public record WorkerLines(String node, int process, BufferedLog.Lines lines)
      implements Serializable {}
}
