package io.batchscore.spark.driver;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.schedule.ItemFailure;
import io.batchscore.core.schedule.RemoteQueue;
import io.batchscore.spark.executor.BatchOutcome;
import io.batchscore.spark.executor.TaskInput;
import io.batchscore.spark.executor.TaskOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * One Spark job: a run of mini-batches from the queue, cut into partitions of consecutive
 * mini-batches (one Spark task each). Spark calls {@link #delivered} once per partition, for the
 * first attempt that succeeded (a retried or speculative attempt's result is dropped by Spark's
 * scheduler), and the outcomes go to the job; whatever was not delivered when the Spark job
 * ends is reported lost. Guarded by this object's monitor: which partitions were delivered.
 */
final class Wave {

  private final List<MiniBatch> batches;
  private final List<List<TaskInput>> partitions;
  private final boolean[] delivered;
  private final RemoteQueue queue;
  private final WorkerLogs logs;
  private final TaskSizer sizer;

  /**
   * @param batches the mini-batches, in the order the queue gave them
   * @param tasks into how many partitions to cut them: contiguous runs, sizes differing by one
   * @param sizer told what each delivered task's mini-batches cost
   * @param shipInputs whether the input files' bytes travel with the tasks
   */
  Wave(
      List<MiniBatch> batches,
      int tasks,
      RemoteQueue queue,
      WorkerLogs logs,
      TaskSizer sizer,
      boolean shipInputs) {
    this.batches = batches;
    this.queue = queue;
    this.logs = logs;
    this.sizer = sizer;
    this.partitions = new ArrayList<>(tasks);
    int n = batches.size();
    for (int t = 0; t < tasks; t++) {
      int from = (int) ((long) n * t / tasks);
      int to = (int) ((long) n * (t + 1) / tasks);
      List<TaskInput> p = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        p.add(TaskInput.of(i, batches.get(i), shipInputs));
      }
      partitions.add(p);
    }
    this.delivered = new boolean[partitions.size()];
  }

  /** @return one element per partition: its mini-batches */
  List<List<TaskInput>> partitions() {
    return partitions;
  }

  int size() {
    return batches.size();
  }

  /** A partition's result, from Spark's scheduler thread. */
  void delivered(int partition, TaskOutput out) {
    synchronized (this) {
      if (delivered[partition]) {
        return; // Spark delivers once; this guards the job's exactly-once commit regardless
      }
      delivered[partition] = true;
    }
    for (TaskOutput.WorkerLines w : out.logs()) {
      logs.append(w);
    }
    long nanos = 0;
    for (BatchOutcome o : out.outcomes()) {
      nanos += o.nanos();
    }
    sizer.delivered(nanos, partitions.get(partition).size(), out.warm());
    for (BatchOutcome o : out.outcomes()) {
      MiniBatch b = batches.get(o.position());
      List<ItemFailure> failures = new ArrayList<>(o.failedItems().size());
      for (int i = 0; i < o.failedItems().size(); i++) {
        failures.add(new ItemFailure(b.index(), o.failedItems().get(i), o.failedReasons().get(i)));
      }
      queue.completed(
          b, o.rows(), o.succeeded(), failures, o.runs(), o.worker(), o.device(), o.nanos());
    }
  }

  /** The Spark job ended: every partition not delivered is lost. */
  void ended(String reason) {
    List<Integer> lost = new ArrayList<>();
    synchronized (this) {
      for (int p = 0; p < delivered.length; p++) {
        if (!delivered[p]) {
          delivered[p] = true;
          lost.add(p);
        }
      }
    }
    for (int p : lost) {
      sizer.lost(partitions.get(p).size());
      for (TaskInput in : partitions.get(p)) {
        queue.lost(batches.get(in.position()), reason);
      }
    }
  }
}
