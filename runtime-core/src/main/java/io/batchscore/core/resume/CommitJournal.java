package io.batchscore.core.resume;

import io.batchscore.core.output.LineFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code logs/sys/commits.log}: one line per committed mini-batch, appended after that
 * mini-batch's rows and report lines were written. A line is the commit point: a crash before it
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
   * Reads the last complete checkpoint of a journal.
   *
   * @param path the journal
   * @return the last checkpoint and the journal's length up to it; empty when the journal has
   *     none
   * @throws IOException when the journal cannot be read
   */
  public static Optional<Recovered> readLast(Path path) throws IOException {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    String text = Files.readString(path, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    if (end < 0) {
      return Optional.empty();
    }
    List<String> lines = text.substring(0, end).lines().toList();
    String last = lines.get(lines.size() - 1);
    return Optional.of(new Recovered(Checkpoint.parse(last),
        text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length));
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
