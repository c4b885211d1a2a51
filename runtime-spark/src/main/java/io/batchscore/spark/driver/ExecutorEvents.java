package io.batchscore.spark.driver;

import io.batchscore.core.logs.JobLog;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Writes the Spark application's events that matter to the job into its {@code job.log}:
 * executors added and lost, and task attempts that failed (Spark runs them again).
 */
final class ExecutorEvents extends SparkListener {

  private final JobLog log;

  ExecutorEvents(JobLog log) {
    this.log = log;
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded e) {
    log.info(
        "spark executor %s added on %s (%d cores)",
        e.executorId(), e.executorInfo().executorHost(), e.executorInfo().totalCores());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
    log.warn("spark executor %s removed: %s", e.executorId(), e.reason());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    if (e.reason() != Success$.MODULE$) {
      log.warn(
          "spark task %d (attempt %d) of stage %d on executor %s ended: %s; Spark runs it"
              + " again unless the job is over",
          e.taskInfo().index(),
          e.taskInfo().attemptNumber(),
          e.stageId(),
          e.taskInfo().executorId(),
          e.reason().toString().lines().findFirst().orElse(""));
    }
  }
}
