package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.resume.Checkpoint;
import io.batchscore.core.resume.CommitJournal;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JobOutputs#sync} makes the last checkpoint survive a power loss: the files it describes
 * are forced before the journal, and what a power loss can leave (files as of the last sync, the
 * journal perhaps further) recovers to that checkpoint.
 */
class JobOutputsSyncTest {

  @TempDir Path tmp;

  private static CompletedBatch batch(long index, String... rows) {
    List<ItemFailure> failures =
        index % 2 == 1 ? List.of(new ItemFailure(index, "bad-" + index, "threw")) : List.of();
    return new CompletedBatch(
        index,
        rows.length + failures.size(),
        rows.length,
        List.of(rows),
        failures,
        1,
        "node000/process000",
        "cpu",
        1,
        "digest" + index);
  }

  @Test
  void syncForcesEveryOutputFileAndTheJournalLast() throws Exception {
    JobLayout layout = new JobLayout(tmp.resolve("out"));
    Path predictions = tmp.resolve("out/predictions.csv");
    List<Path> forced = new ArrayList<>();
    try (JobOutputs out =
        new JobOutputs(
            layout,
            predictions,
            Checkpoint.START,
            0,
            (file, sync) -> {
              forced.add(file);
              sync.run();
            })) {
      out.commit(List.of(batch(0, "a"), batch(1, "b")));
      out.sync();
    }
    assertThat(forced)
        .containsExactly(
            predictions,
            layout.processedMiniBatches(),
            layout.failedItems(),
            layout.commitJournal());
  }

  @Test
  void aPowerLossAfterSyncRecoversTheSyncedCheckpointByteForByte() throws Exception {
    JobLayout layout = new JobLayout(tmp.resolve("out"));
    Path predictions = tmp.resolve("out/predictions.csv");
    List<Path> files = List.of(predictions, layout.processedMiniBatches(), layout.failedItems());
    List<byte[]> synced = new ArrayList<>();
    long journalSynced;
    try (JobOutputs out = new JobOutputs(layout, predictions, Checkpoint.START, 0)) {
      out.commit(List.of(batch(0, "a", "b"), batch(1, "c")));
      out.commit(List.of(batch(2, "d")));
      out.sync();
      for (Path f : files) {
        synced.add(Files.readAllBytes(f));
      }
      journalSynced = Files.size(layout.commitJournal());
      out.commit(List.of(batch(3, "e"), batch(4, "f"))); // written, never forced
    }
    // the power loss: the files lose what was not forced; the journal kept its later line
    for (int i = 0; i < files.size(); i++) {
      truncate(files.get(i), synced.get(i).length);
    }
    assertThat(Files.size(layout.commitJournal())).isGreaterThan(journalSynced);

    CommitJournal.Recovered r =
        CommitJournal.readLast(
                layout.commitJournal(),
                Files.size(predictions),
                Files.size(layout.processedMiniBatches()),
                Files.size(layout.failedItems()))
            .orElseThrow();
    assertThat(r.checkpoint().nextIndex()).isEqualTo(3);
    assertThat(r.checkpoint().itemsSucceeded()).isEqualTo(4);
    assertThat(r.checkpoint().itemsFailed()).isEqualTo(1);
    assertThat(r.checkpoint().listing()).isEqualTo("digest2");
    assertThat(r.journalBytes()).isEqualTo(journalSynced);

    // resuming from it and committing the rest gives what an uninterrupted job writes
    try (JobOutputs out = new JobOutputs(layout, predictions, r.checkpoint(), r.journalBytes())) {
      out.commit(List.of(batch(3, "e"), batch(4, "f")));
    }
    Path clean = tmp.resolve("clean");
    JobLayout cleanLayout = new JobLayout(clean);
    try (JobOutputs out =
        new JobOutputs(cleanLayout, clean.resolve("predictions.csv"), Checkpoint.START, 0)) {
      out.commit(List.of(batch(0, "a", "b"), batch(1, "c")));
      out.commit(List.of(batch(2, "d")));
      out.commit(List.of(batch(3, "e"), batch(4, "f")));
    }
    assertThat(Files.readString(predictions))
        .isEqualTo("a\nb\nc\nd\ne\nf\n")
        .isEqualTo(Files.readString(clean.resolve("predictions.csv")));
    assertThat(Files.readAllBytes(layout.processedMiniBatches()))
        .isEqualTo(Files.readAllBytes(cleanLayout.processedMiniBatches()));
    assertThat(Files.readAllBytes(layout.failedItems()))
        .isEqualTo(Files.readAllBytes(cleanLayout.failedItems()));
    assertThat(Files.readAllBytes(layout.commitJournal()))
        .isEqualTo(Files.readAllBytes(cleanLayout.commitJournal()));
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(size);
    }
  }
}
