package io.batchscore.core.input;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Input entries a listing passed over: folder links that lead back to a folder being listed
 * (which would list the same files again and again), links to nothing, FIFOs, sockets and
 * devices, and entries that cannot be read. Each is handed to a sink (the job log) as it is met;
 * the counts by kind are kept for the job's summary. Files whose names are not valid UTF-8 are
 * listed, and reported here too.
 *
 * <p>Called by the listing, which runs under the scheduler's lock; {@link #summary} is read
 * after the listing ends or under the same lock.
 */
public final class SkippedEntries {

  /** A loop: a folder link to a folder being listed. */
  public static final String LOOP = "folder link loop";

  /** A link whose target does not exist. */
  public static final String DANGLING = "dangling link";

  /** A FIFO, socket or device. */
  public static final String SPECIAL = "not a regular file";

  /** A folder or file that cannot be read. */
  public static final String UNREADABLE = "unreadable";

  private final Consumer<String> sink;
  private final Map<String, Long> counts = new TreeMap<>();
  private long total;
  private long notUtf8;

  /** @param sink takes one line per skipped entry, naming its path and why */
  public SkippedEntries(Consumer<String> sink) {
    this.sink = sink;
  }

  /** @return a collector that keeps counts only */
  public static SkippedEntries counting() {
    return new SkippedEntries(line -> {});
  }

  synchronized void skip(Path entry, String kind, String detail) {
    counts.merge(kind, 1L, Long::sum);
    total++;
    sink.accept(
        "input entry skipped ("
            + kind
            + "): "
            + entry
            + (detail.isEmpty() ? "" : " (" + detail + ")"));
  }

  /**
   * A file whose name is not valid UTF-8: it is listed and scored (the file is opened by its
   * bytes), but text made from its name (a scorer's row) shows U+FFFD in their place.
   */
  synchronized void notUtf8(Path file) {
    notUtf8++;
    sink.accept(
        "input file name is not valid UTF-8 (scored; text made from its name shows"
            + " U+FFFD): "
            + file);
  }

  /** @return files listed whose names are not valid UTF-8 */
  public synchronized long notUtf8() {
    return notUtf8;
  }

  /** @return entries skipped so far */
  public synchronized long total() {
    return total;
  }

  /** @return the counts by kind, such as {@code 2 folder link loop, 1 dangling link} */
  public synchronized String summary() {
    StringBuilder sb = new StringBuilder();
    counts.forEach(
        (kind, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(kind));
    return sb.toString();
  }
}
