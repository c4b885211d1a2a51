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
 * @param files the files' paths, or null for tabular rows
 * @param rows the rows, or null for files
 */
public record TaskInput(
    int position, long index, int attempt, List<String> files, List<SerialRow> rows)
    implements Serializable {

  /**
   * @param position its place in the Spark job
   * @param b a mini-batch from the job
   * @return it, ready to travel
   */
  public static TaskInput of(int position, MiniBatch b) {
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
      return new TaskInput(position, b.index(), b.attempt(), null, rows);
    }
    List<String> files = new ArrayList<>(b.size());
    for (Path p : b.files()) {
      files.add(p.toString());
    }
    return new TaskInput(position, b.index(), b.attempt(), files, null);
  }

  /** @return the mini-batch a scorer gets */
  public MiniBatch toMiniBatch() {
    if (files != null) {
      return MiniBatch.ofFiles(index, attempt, files.stream().map(Path::of).toList());
    }
    return MiniBatch.ofRows(index, attempt, List.copyOf(rows));
  }
}
