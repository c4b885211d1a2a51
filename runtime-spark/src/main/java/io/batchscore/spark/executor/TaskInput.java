package io.batchscore.spark.executor;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Row;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One mini-batch (or part of one) as it travels to an executor.
 *
 * @param position its place in the Spark job, to find it again when its outcome comes back
 * @param index the mini-batch's index
 * @param attempt its attempt
 * @param files the files' paths (as the driver lists them), or null for tabular rows
 * @param contents the files' bytes, read by the driver, when input files travel with the tasks
 *     (an element is null for a file the driver could not read); null otherwise
 * @param rows the rows, or null for files
 */
public record TaskInput(
    int position,
    long index,
    int attempt,
    List<String> files,
    List<byte[]> contents,
    List<SerialRow> rows)
    implements Serializable {

  /** @return {@link #of(int, MiniBatch, boolean)} without the files' bytes */
  public static TaskInput of(int position, MiniBatch b) {
    return of(position, b, false);
  }

  /**
   * @param position its place in the Spark job
   * @param b a mini-batch from the job
   * @param withContents whether its files' bytes travel with it
   * @return it, ready to travel
   */
  public static TaskInput of(int position, MiniBatch b, boolean withContents) {
    if (b.isTabular()) {
      List<SerialRow> rows = new ArrayList<>(b.size());
      List<String> lastHeader = null;
      List<String> header = null;
      for (Row r : b.rows()) {
        if (r.columns() != lastHeader) { // one copy per file's header: serialized once
          lastHeader = r.columns();
          header = List.copyOf(lastHeader);
        }
        rows.add(SerialRow.of(r, header));
      }
      return new TaskInput(position, b.index(), b.attempt(), null, null, rows);
    }
    List<String> files = new ArrayList<>(b.size());
    List<byte[]> contents = withContents ? new ArrayList<>(b.size()) : null;
    for (Path p : b.files()) {
      files.add(p.toString());
      if (withContents) {
        contents.add(readOrNull(p));
      }
    }
    return new TaskInput(position, b.index(), b.attempt(), files, contents, null);
  }

  /** @return the file's bytes, or null when it cannot be read: the scorer then fails that item */
  private static byte[] readOrNull(Path p) {
    try {
      return java.nio.file.Files.readAllBytes(p);
    } catch (java.io.IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** @return the mini-batch a scorer gets, at the driver's paths ({@link StagedInput} for copies) */
  public MiniBatch toMiniBatch() {
    if (files != null) {
      return MiniBatch.ofFiles(index, attempt, files.stream().map(Path::of).toList());
    }
    return MiniBatch.ofRows(index, attempt, List.copyOf(rows));
  }
}
