package io.batchscore.core.resume;

/**
 * The state of a job after a committed mini-batch: where it stopped and how long each output
 * file was then. A resumed job truncates the files back to these lengths and goes on from
 * {@link #nextIndex()}.
 *
 * @param nextIndex the first mini-batch not committed
 * @param predictionsBytes length of the predictions file
 * @param reportBytes length of {@code processed_mini-batches.csv}
 * @param failuresBytes length of {@code failed_items.csv}
 * @param itemsSucceeded items succeeded up to here
 * @param itemsFailed items failed up to here
 * @param listing the input source's {@code listingDigest()} through the last committed
 *     mini-batch; empty when there is none
 */
public record Checkpoint(
    long nextIndex,
    long predictionsBytes,
    long reportBytes,
    long failuresBytes,
    long itemsSucceeded,
    long itemsFailed,
    String listing) {

  /** The state of a job that has committed nothing. */
  public static final Checkpoint START = new Checkpoint(0, 0, 0, 0, 0, 0, "");

  String line() {
    return nextIndex
        + ","
        + predictionsBytes
        + ","
        + reportBytes
        + ","
        + failuresBytes
        + ","
        + itemsSucceeded
        + ","
        + itemsFailed
        + ","
        + listing
        + "\n";
  }

  /** Reads a line; one of six fields (written before listings were recorded) has no listing. */
  static Checkpoint parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 7 && f.length != 6) {
      throw new IllegalArgumentException("not a checkpoint line: " + line);
    }
    return new Checkpoint(
        Long.parseLong(f[0]),
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        f.length == 7 ? f[6] : "");
  }
}
