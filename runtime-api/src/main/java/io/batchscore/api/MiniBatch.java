package io.batchscore.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One unit of work handed to {@link Scorer#run}: a slice of the job's input in input order.
 *
 * <p>File input gives {@link #files()}; tabular input gives {@link #rows()}. The other accessor
 * throws, so a scorer written for one kind of input fails loudly on the other.
 *
 * <p>When a mini-batch has failed all its attempts, the runtime may split it and score its parts
 * again to isolate the bad items; a part keeps the mini-batch's {@link #index()} and has a
 * {@link #part()} other than {@code ""}.
 */
public final class MiniBatch {

  private final long index;
  private final String part;
  private final int attempt;
  private final List<Path> files;
  private final List<Row> rows;

  private MiniBatch(long index, String part, int attempt, List<Path> files, List<Row> rows) {
    if (index < 0) {
      throw new IllegalArgumentException("mini-batch index must be >= 0, got " + index);
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
    this.index = index;
    this.part = Objects.requireNonNull(part, "part");
    this.attempt = attempt;
    this.files = files;
    this.rows = rows;
  }

  /**
   * @param index the mini-batch's position in the job, from 0
   * @param attempt the attempt number, from 1
   * @param files the files to score, in input order
   * @return a mini-batch of files
   */
  public static MiniBatch ofFiles(long index, int attempt, List<Path> files) {
    return new MiniBatch(index, "", attempt, List.copyOf(files), null);
  }

  /**
   * @param index the mini-batch's position in the job, from 0
   * @param attempt the attempt number, from 1
   * @param rows the rows to score, in input order
   * @return a mini-batch of tabular rows
   */
  public static MiniBatch ofRows(long index, int attempt, List<Row> rows) {
    return new MiniBatch(index, "", attempt, null, List.copyOf(rows));
  }

  /**
   * A part of a mini-batch, as the runtime makes one to isolate failing items (for a scorer's
   * tests that check how it handles parts).
   *
   * @param index the position of the mini-batch the part belongs to
   * @param part the part's name, see {@link #part()}; {@code ""} for a whole mini-batch
   * @param attempt the attempt number, from 1
   * @param files the part's files, in input order
   * @return a mini-batch (or part) of files
   */
  public static MiniBatch ofFiles(long index, String part, int attempt, List<Path> files) {
    return new MiniBatch(index, part, attempt, List.copyOf(files), null);
  }

  /**
   * A part of a tabular mini-batch; see {@link #ofFiles(long, String, int, List)}.
   *
   * @param index the position of the mini-batch the part belongs to
   * @param part the part's name; {@code ""} for a whole mini-batch
   * @param attempt the attempt number, from 1
   * @param rows the part's rows, in input order
   * @return a mini-batch (or part) of rows
   */
  public static MiniBatch ofRows(long index, String part, int attempt, List<Row> rows) {
    return new MiniBatch(index, part, attempt, null, List.copyOf(rows));
  }

  /** @return the mini-batch's position in the job, from 0 */
  public long index() {
    return index;
  }

  /**
   * @return {@code ""} for a whole mini-batch; for a part made to isolate bad items, its place
   *     in the split, such as {@code "1/2"} or {@code "1/2/2"}
   */
  public String part() {
    return part;
  }

  /** @return which attempt this is, from 1 up to {@code retry_settings.max_retries} */
  public int attempt() {
    return attempt;
  }

  /** @return the number of items */
  public int size() {
    return files != null ? files.size() : rows.size();
  }

  /** @return true when the items are tabular rows */
  public boolean isTabular() {
    return rows != null;
  }

  /**
   * @return the files of a file-input mini-batch, in input order
   * @throws IllegalStateException for tabular input
   */
  public List<Path> files() {
    if (files == null) {
      throw new IllegalStateException("mini-batch " + index + " holds tabular rows, not files");
    }
    return files;
  }

  /**
   * @return the rows of a tabular mini-batch, in input order
   * @throws IllegalStateException for file input
   */
  public List<Row> rows() {
    if (rows == null) {
      throw new IllegalStateException("mini-batch " + index + " holds files, not tabular rows");
    }
    return rows;
  }

  /**
   * @param i the item's position in this mini-batch
   * @return how logs name the item: the file's path, or a row's {@code file:line}
   */
  public String itemName(int i) {
    return files != null ? files.get(i).toString() : rows.get(i).source();
  }

  @Override
  public String toString() {
    return "mini-batch "
        + index
        + (part.isEmpty() ? "" : " part " + part)
        + " ("
        + size()
        + " items, attempt "
        + attempt
        + ")";
  }
}
