package io.batchscore.core.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitJournalTest {

  @TempDir Path tmp;

  private Path journal() throws Exception {
    Path p = tmp.resolve("commits.log");
    try (CommitJournal j = new CommitJournal(p, 0)) {
      j.commit(new Checkpoint(1, 100, 50, 20, 10, 0, ""));
      j.commit(new Checkpoint(2, 200, 80, 20, 20, 0, ""));
      j.commit(new Checkpoint(3, 300, 110, 45, 29, 1, "0f3a9c"));
    }
    return p;
  }

  @Test
  void theLastCompleteLineWinsAndATornOneIsIgnored() throws Exception {
    Path p = journal();
    long whole = Files.size(p);
    Files.writeString(p, "4,40", java.nio.file.StandardOpenOption.APPEND); // killed mid-line
    var r = CommitJournal.readLast(p, 1000, 1000, 1000).orElseThrow();
    assertThat(r.checkpoint()).isEqualTo(new Checkpoint(3, 300, 110, 45, 29, 1, "0f3a9c"));
    assertThat(r.journalBytes()).isEqualTo(whole);
  }

  @Test
  void checkpointsBeyondWhatTheFilesHoldArePassedOver() throws Exception {
    Path p = journal();
    // as after a power loss: the journal reached the disk, the predictions' last write did not
    var r = CommitJournal.readLast(p, 250, 1000, 1000).orElseThrow();
    assertThat(r.checkpoint().nextIndex()).isEqualTo(2);
    assertThat(Files.readString(p).substring(0, (int) r.journalBytes()))
        .endsWith("2,200,80,20,20,0,\n");
    assertThat(CommitJournal.readLast(p, 99, 1000, 1000)).isEmpty();
    assertThat(CommitJournal.readLast(tmp.resolve("none"), 0, 0, 0)).isEmpty();
  }

  @Test
  void linesWithoutAListingReadAsAnEmptyListing() throws Exception {
    Path p = tmp.resolve("old.log");
    Files.writeString(p, "1,100,50,20,10,0\n");
    assertThat(CommitJournal.readLast(p, 100, 50, 20).orElseThrow().checkpoint())
        .isEqualTo(new Checkpoint(1, 100, 50, 20, 10, 0, ""));
    Files.writeString(p, "1,100,50\n");
    assertThatThrownBy(() -> CommitJournal.readLast(p, 100, 50, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1,100,50");
  }
}
