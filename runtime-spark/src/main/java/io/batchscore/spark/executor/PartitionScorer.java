package io.batchscore.spark.executor;

import io.batchscore.api.Device;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * A Spark task's work (its partition holds one list of consecutive mini-batches): scores them
 * on a worker slot of this executor and returns their outcomes with the log lines. The slot's device is the task's GPU, when Spark's
 * resource scheduling gave it one ({@code spark.task.resource.gpu.amount}): address {@code N}
 * becomes {@code cuda:N}; the CPU otherwise.
 */
public final class PartitionScorer extends AbstractFunction1<Iterator<List<TaskInput>>, TaskOutput>
    implements Serializable {

  private static final long serialVersionUID = 1L;

  private final ExecutorSpec spec;

  /** @param spec the job, as executors need it */
  public PartitionScorer(ExecutorSpec spec) {
    this.spec = spec;
  }

  @Override
  public TaskOutput apply(Iterator<List<TaskInput>> partition) {
    SlotPool pool = SlotPool.of(spec, nodeName(SparkEnv.get().executorId()), SparkFiles::get);
    List<TaskOutput.WorkerLines> logs = new ArrayList<>();
    List<BatchOutcome> outcomes = new ArrayList<>();
    ScorerSlot slot;
    try {
      slot = pool.borrow(device(TaskContext.get()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("every init attempt failed: " + BatchRunner.reason(e), e);
    }
    boolean warm = slot.beginTask();
    BatchRunner runner = new BatchRunner(spec, pool, slot, logs);
    try {
      while (partition.hasNext()) {
        for (TaskInput in : partition.next()) {
          outcomes.add(runner.score(in));
        }
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(BatchRunner.reason(e), e);
    } finally {
      ScorerSlot last = runner.slot();
      logs.add(new TaskOutput.WorkerLines(last.node(), last.process(), last.log().drain()));
      pool.giveBack(last);
    }
    return new TaskOutput(outcomes, logs, warm);
  }

  /**
   * @param executorId Spark's executor id: {@code driver} in local mode, {@code 0}, {@code 1}...
   * @return the node name in the log layout: {@code driver}, or {@code executor} and the id
   */
  public static String nodeName(String executorId) {
    return "driver".equals(executorId) ? "driver" : "executor" + executorId;
  }

  /** @return the task's first GPU as {@code cuda:N}, or the CPU */
  static Device device(TaskContext task) {
    if (task == null) {
      return Device.cpu();
    }
    Map<String, ResourceInformation> resources = task.resourcesJMap();
    ResourceInformation gpu = resources.get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return Device.cpu();
    }
    return Device.cuda(Integer.parseInt(gpu.addresses()[0].trim()));
  }
}
