package io.batchscore.spark.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.spark.executor.TaskInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How waves are cut into Spark tasks, from the scorer time measured so far. */
class TaskSizerTest {

  private static final long MS = 1_000_000L;

  @Test
  void beforeAMeasureAWaveIsFourSmallTasksPerSlot() {
    TaskSizer s = new TaskSizer(2, TaskSizer.MAX_PER_TASK);
    assertThat(s.perTask()).isZero();
    assertThat(s.waveTarget(512, 4)).isEqualTo(32);
    assertThat(s.tasks(32)).isEqualTo(8);
    assertThat(s.tasks(3)).isEqualTo(3);
  }

  @Test
  void tasksCarryTheTargetTimeOfMiniBatchesFromWarmScorersOnly() {
    TaskSizer s = new TaskSizer(2, TaskSizer.MAX_PER_TASK);
    s.submitted(8);
    s.delivered(4000 * MS, 4, false); // a fresh scorer's first task: its warm-up is no measure
    assertThat(s.perTask()).isZero();
    s.delivered(4 * MS, 4, true); // 1 ms per mini-batch
    assertThat(s.perTask()).isEqualTo((int) (TaskSizer.TARGET_NANOS / MS));
    assertThat(s.waveTarget(10_000, 4)).isEqualTo(2 * s.perTask());
    assertThat(s.waveTarget(256, 4)).isEqualTo(256);
    assertThat(s.tasks(2 * s.perTask())).isEqualTo(2);
    assertThat(s.tasks(5 * s.perTask())).isEqualTo(5);
    // a small wave (the input's end) is spread over the slots, not put on one
    assertThat(s.tasks(10)).isEqualTo(2);
    assertThat(s.tasks(1)).isEqualTo(1);
  }

  @Test
  void theMeasureFollowsRecentTasksAndStaysWithinBounds() {
    TaskSizer s = new TaskSizer(2, TaskSizer.MAX_PER_TASK);
    s.delivered(40 * 20 * MS, 20, true); // 40 ms per mini-batch: 5 per task
    assertThat(s.perTask()).isEqualTo(5);
    for (int i = 0; i < 30; i++) {
      s.delivered(100 * MS / 10, 100, true); // then 0.1 ms
    }
    assertThat(s.perTask()).isEqualTo(TaskSizer.MAX_PER_TASK);
    s.delivered(100_000 * MS, 1, true); // a run that took long: no task under one mini-batch
    assertThat(s.perTask()).isEqualTo(1);
    TaskSizer tabular = new TaskSizer(2, 3); // large tabular mini-batches: 3 per task at most
    tabular.delivered(10 * MS, 100, true);
    assertThat(tabular.perTask()).isEqualTo(3);
    assertThat(tabular.tasks(30)).isEqualTo(10);
  }

  @Test
  void theNextWaveWaitsUntilTheSlotsHaveLessThanTwoTasksEachQueued() {
    TaskSizer s = new TaskSizer(2, TaskSizer.MAX_PER_TASK);
    s.submitted(10);
    s.delivered(10 * MS, 10, true); // 1 ms: 200 per task
    s.submitted(1000); // five tasks' worth
    assertThat(s.starving()).isFalse();
    s.delivered(200 * MS, 200, true);
    assertThat(s.starving()).isFalse(); // four tasks queued: two per slot
    s.lost(1);
    assertThat(s.starving()).isTrue(); // less than two per slot: time for the next wave
  }

  @Test
  void aWaveIsCutIntoContiguousTasksOfAlmostEqualSize() {
    List<MiniBatch> batches = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batches.add(MiniBatch.ofFiles(i, 1, List.of(Path.of("in/" + i + ".png"))));
    }
    Wave w = new Wave(batches, 3, null, null, new TaskSizer(2, 512), false);
    List<List<Long>> indexes =
        w.partitions().stream().map(p -> p.stream().map(TaskInput::index).toList()).toList();
    assertThat(indexes)
        .containsExactly(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L), List.of(6L, 7L, 8L, 9L));
    assertThat(w.partitions().stream().flatMap(List::stream).map(TaskInput::position))
        .containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
  }
}
