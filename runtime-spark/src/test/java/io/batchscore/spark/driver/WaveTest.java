package io.batchscore.spark.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.schedule.ItemFailure;
import io.batchscore.core.schedule.RemoteQueue;
import io.batchscore.spark.executor.BatchOutcome;
import io.batchscore.spark.executor.TaskInput;
import io.batchscore.spark.executor.TaskOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wave's exactly-once guard: a partition's result reaches the job once however often it is
 * delivered, and only partitions never delivered are reported lost when the Spark job ends.
 */
class WaveTest {

  @TempDir Path tmp;

  @Test
  void aSecondDeliveryOfAPartitionAddsNoRowAndOnlyUndeliveredPartitionsAreLost() {
    RecordingQueue queue = new RecordingQueue(new JobLayout(tmp));
    List<MiniBatch> batches = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batches.add(MiniBatch.ofFiles(i, 1, List.of(Path.of("in", i + ".png"))));
    }
    Wave wave =
        new Wave(batches, 3, queue, new WorkerLogs(queue.layout()), new TaskSizer(2, 512), false);
    assertThat(wave.partitions())
        .extracting(p -> p.stream().map(TaskInput::index).toList())
        .containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L, 5L));

    wave.delivered(1, output(wave.partitions().get(1), "first"));
    // a second attempt's result for the same partition (a retried or speculative copy)
    wave.delivered(1, output(wave.partitions().get(1), "second"));
    wave.delivered(0, output(wave.partitions().get(0), "first"));
    wave.ended("its Spark task ended without a result");
    wave.ended("again");

    assertThat(queue.completed)
        .containsExactly("2:2.png first", "3:3.png first", "0:0.png first", "1:1.png first");
    assertThat(queue.lost)
        .containsExactly(
            "4:its Spark task ended without a result", "5:its Spark task ended without a result");

    // a late result of a partition already reported lost is dropped too
    wave.delivered(2, output(wave.partitions().get(2), "late"));
    assertThat(queue.completed).hasSize(4);
  }

  private static TaskOutput output(List<TaskInput> partition, String tag) {
    List<BatchOutcome> outcomes = new ArrayList<>();
    for (TaskInput in : partition) {
      String row = Path.of(in.files().get(0)).getFileName() + " " + tag;
      outcomes.add(
          new BatchOutcome(
              in.position(),
              List.of(row),
              1,
              List.of(),
              List.of(),
              1,
              "executor0/process000",
              "cpu",
              1_000_000));
    }
    return new TaskOutput(outcomes, List.of(), true);
  }

  /** The job's side, recording what the wave reports: {@code index:row} and {@code index:why}. */
  private static final class RecordingQueue implements RemoteQueue {
    final List<String> completed = new ArrayList<>();
    final List<String> lost = new ArrayList<>();
    private final JobLayout layout;

    RecordingQueue(JobLayout layout) {
      this.layout = layout;
    }

    @Override
    public MiniBatch poll() {
      return null;
    }

    @Override
    public void awaitChange(long millis) {}

    @Override
    public boolean finished() {
      return false;
    }

    @Override
    public boolean stopping() {
      return false;
    }

    @Override
    public synchronized void completed(
        MiniBatch batch,
        List<String> rows,
        int succeeded,
        List<ItemFailure> failures,
        int runs,
        String worker,
        String device,
        long nanos) {
      rows.forEach(r -> completed.add(batch.index() + ":" + r));
    }

    @Override
    public synchronized void lost(MiniBatch batch, String reason) {
      lost.add(batch.index() + ":" + reason);
    }

    @Override
    public JobLayout layout() {
      return layout;
    }

    @Override
    public JobLog jobLog() {
      throw new UnsupportedOperationException("not used by a wave");
    }
  }
}
