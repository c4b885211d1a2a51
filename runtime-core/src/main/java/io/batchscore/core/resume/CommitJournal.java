package io.batchscore.core.resume;

import io.batchscore.core.output.LineFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code logs/sys/commits.log}: one line per committed group of mini-batches, appended after
 * their rows and report lines were written. A line is the commit point: a crash before it
 * leaves bytes past the previous line's lengths, which a resume cuts off; a crash while writing
 * it leaves a torn last line, which {@link #readLast} ignores.
 */
public final class CommitJournal implements AutoCloseable {

  private final LineFile file;

  /**
   * @param path the journal
   * @param keepBytes bytes of an earlier run to keep (its length when resuming), 0 otherwise
   * @throws IOException when the journal cannot be opened
   */
  public CommitJournal(Path path, long keepBytes) throws IOException {
    this.file = new LineFile(path, keepBytes);
  }

  /**
   * Records a commit.
   *
   * @param checkpoint the state after the commit
   * @throws IOException when the write fails
   */
  public void commit(Checkpoint checkpoint) throws IOException {
    file.appendText(checkpoint.line());
  }

  /**
   * Forces the journal to the storage device; the files it describes must be forced first.
   *
   * @throws IOException when that fails
   */
  public void sync() throws IOException {
    file.sync();
  }

  /**
   * Reads the last complete checkpoint of a journal that the output files can honour. After a
   * process kill that is the last line; after a power loss the journal may have reached the disk
   * further than the files it describes (nothing is forced per commit), so checkpoints whose
   * lengths exceed the files' are passed over for an earlier one.
   *
   * @param path the journal
   * @param predictionsBytes the predictions file's length now (0 when absent)
   * @param reportBytes {@code processed_mini-batches.csv}'s length now
   * @param failuresBytes {@code failed_items.csv}'s length now
   * @return the checkpoint and the journal's length up to it; empty when there is none
   * @throws IOException when the journal cannot be read
   */
  public static Optional<Recovered> readLast(
      Path path, long predictionsBytes, long reportBytes, long failuresBytes) throws IOException {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(path);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--; // a torn last line
    }
    while (end > 0) {
      int start = end - 1;
      while (start > 0 && bytes[start - 1] != '\n') {
        start--;
      }
      Checkpoint c =
          Checkpoint.parse(new String(bytes, start, end - 1 - start, StandardCharsets.UTF_8));
      if (c.predictionsBytes() <= predictionsBytes
          && c.reportBytes() <= reportBytes
          && c.failuresBytes() <= failuresBytes) {
        return Optional.of(new Recovered(c, end));
      }
      end = start;
    }
    return Optional.empty();
  }

  /**
   * A checkpoint read back from a journal.
   *
   * @param checkpoint the last complete checkpoint
   * @param journalBytes the journal's length up to and including that line
   */
  public record Recovered(Checkpoint checkpoint, long journalBytes) {}

  @Override
  public void close() throws IOException {
    file.close();
  }
}
