package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.resume.Checkpoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's bookkeeping, one step at a time, with no threads. */
class LedgerTest {

  private static final BatchAssembly.Run RUN = a -> a.attempted("w", "cpu", 1, 0);

  private static Ledger ledger(int window, long threshold) {
    return new Ledger(
        Checkpoint.START,
        null,
        window,
        new FailurePolicy(new RetryPolicy(1), new IsolationPolicy(true)),
        new ErrorThreshold(threshold),
        1);
  }

  private static MiniBatch batch(long index, String... items) {
    return MiniBatch.ofFiles(index, 1, Arrays.stream(items).map(Path::of).toList());
  }

  private static PartResult ok(Task t) {
    return PartResult.of(t.batch(), List.of("row"), true);
  }

  @Test
  void theWindowCountsFromTheLastWrittenCommit() {
    Ledger l = ledger(2, -1);
    l.readStarted();
    assertThat(l.mayRead()).as("one reader at a time").isFalse();
    Task t0 = l.issued(batch(0, "a"), List.of(), "");
    assertThat(l.mayRead()).isTrue();
    l.readStarted();
    Task t1 = l.issued(batch(1, "b"), List.of(), "");
    assertThat(l.mayRead()).as("window full").isFalse();

    l.succeeded(t0, ok(t0), RUN);
    List<CompletedBatch> group = l.claimCommits();
    assertThat(group).extracting(CompletedBatch::index).containsExactly(0L);
    assertThat(l.mayRead()).as("claimed is not yet written").isFalse();
    l.succeeded(t1, ok(t1), RUN);
    assertThat(l.claimCommits()).as("one writer at a time").isNull();
    assertThat(l.finished()).isFalse();
    l.committed(group);
    assertThat(l.mayRead()).isTrue();
    assertThat(l.claimCommits()).extracting(CompletedBatch::index).containsExactly(1L);
  }

  @Test
  void aMiniBatchOfOnlyUnreadableItemsCompletesAtOnceAndCountsAgainstTheThreshold() {
    Ledger l = ledger(4, 0);
    l.readStarted();
    Task t = l.issued(batch(0), List.of(new ItemFailure(0, "x.csv:2", "bad row")), "d0");
    assertThat(t).isNull();
    assertThat(l.stopping()).isTrue();
    assertThat(l.snapshot(1).stopReason()).isEqualTo("error_threshold 0 exceeded: 1 items failed");
    List<CompletedBatch> group = l.claimCommits();
    assertThat(group.get(0).failures()).extracting(ItemFailure::item).containsExactly("x.csv:2");
    assertThat(group.get(0).status()).isEqualTo("failed");
  }

  @Test
  void aFailedWriteDropsWhatWaitsAndStopsTheJob() {
    Ledger l = ledger(4, -1);
    l.readStarted();
    Task t0 = l.issued(batch(0, "a"), List.of(), "");
    l.readStarted();
    Task t1 = l.issued(batch(1, "b"), List.of(), "");
    l.succeeded(t0, ok(t0), RUN);
    l.claimCommits();
    l.succeeded(t1, ok(t1), RUN);
    l.commitFailed("disk full");
    assertThat(l.claimCommits()).isNull();
    assertThat(l.finished()).isTrue();
    assertThat(l.snapshot(2).stopReason()).isEqualTo("cannot write the output: disk full");
    assertThat(l.snapshot(2).batchesCommitted()).isZero();
  }
}
