package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.device.WorkerSlot;
import io.batchscore.core.input.CsvMiniBatchSource;
import io.batchscore.core.input.FileMiniBatchSource;
import io.batchscore.core.input.LookaheadSource;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.input.SkippedEntries;
import io.batchscore.core.logs.JobLog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A job's input: the reader chosen for it, and how many workers it keeps busy. */
final class JobInput {

  private JobInput() {}

  /**
   * Chooses the input's reader: {@code mini_batch_size} given as a size ({@code 1MB}) makes the
   * input tabular (CSV rows cut by bytes); a count makes it file input (paths cut by count).
   */
  static MiniBatchSource source(Deployment d, Path input, SkippedEntries skipped) {
    if (d.miniBatchSize().isBytes()) {
      return new CsvMiniBatchSource(
          input, d.miniBatchSize().bytes(), CsvMiniBatchSource.DEFAULT_MAX_RECORD_BYTES, skipped);
    }
    return new FileMiniBatchSource(input, d.miniBatchSize().items(), skipped);
  }

  /**
   * A new job starts no more workers than its input has mini-batches (and one at least): the
   * first mini-batches are cut before the workers start, to count them. A resumed job, whose
   * input is listed while the workers load, starts them all.
   */
  static List<WorkerSlot> workersFor(
      LookaheadSource source,
      List<WorkerSlot> slots,
      boolean resume,
      Path input,
      JobLog jobLog,
      PrintStream console)
      throws IOException {
    if (resume || slots.size() <= 1) {
      return slots;
    }
    int batches;
    try {
      batches = source.peek(slots.size());
    } catch (IOException | UncheckedIOException e) {
      throw new DeploymentException("--input " + input + " cannot be read: " + e.getMessage());
    }
    if (batches >= slots.size()) {
      return slots;
    }
    int n = Math.max(1, batches);
    String line =
        "the input makes "
            + batches
            + " mini-batch(es): "
            + n
            + " of the "
            + slots.size()
            + " workers planned start";
    jobLog.info("%s", line);
    if (console != null) {
      console.println("batchscore: " + line);
    }
    return slots.subList(0, n);
  }
}
