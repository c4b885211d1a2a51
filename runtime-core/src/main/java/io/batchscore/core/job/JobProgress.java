package io.batchscore.core.job;

import io.batchscore.core.logs.Progress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job's progress at one moment, as a {@link ProgressListener} sees it.
 *
 * @param itemsSucceeded items that gave a row so far
 * @param itemsFailed items that failed so far
 * @param itemsListed items listed from the input so far
 * @param inputListed whether the whole input has been listed; then {@code itemsListed} is the total
 * @param miniBatchesDone mini-batches committed so far
 * @param elapsed time since the job started
 */
public record JobProgress(
    long itemsSucceeded,
    long itemsFailed,
    long itemsListed,
    boolean inputListed,
    long miniBatchesDone,
    Duration elapsed) {

  /** @return items with an outcome (succeeded or failed) */
  public long itemsDone() {
    return itemsSucceeded + itemsFailed;
  }

  /** @return the number of items in the input, once it has all been listed */
  public OptionalLong itemsTotal() {
    return inputListed ? OptionalLong.of(itemsListed) : OptionalLong.empty();
  }

  /** @return items done per second since the job started; 0 before any time has passed */
  public double itemsPerSecond() {
    long nanos = elapsed.toNanos();
    return nanos <= 0 ? 0 : itemsDone() * 1e9 / nanos;
  }

  /**
   * @return the time left at the rate so far, once the total is known and an item is done;
   *     zero when every item is done
   */
  public Optional<Duration> eta() {
    if (!inputListed) {
      return Optional.empty();
    }
    long left = itemsListed - itemsDone();
    if (left <= 0) {
      return Optional.of(Duration.ZERO);
    }
    double rate = itemsPerSecond();
    return rate <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos((long) (left * 1e9 / rate)));
  }

  /** @return one line such as {@code 120 of 200 items (0 failed), 85.3 items/s, ETA 1 s} */
  public String line() {
    String total = inputListed ? " of " + itemsListed : "";
    String eta =
        eta().map(d -> ", ETA " + Math.max(0, (d.toMillis() + 999) / 1000) + " s").orElse("");
    return String.format(
        Locale.ROOT,
        "%d%s items (%d failed), %.1f items/s%s",
        itemsDone(),
        total,
        itemsFailed,
        itemsPerSecond(),
        eta);
  }

  static JobProgress of(Progress p) {
    return new JobProgress(
        p.itemsSucceeded(),
        p.itemsFailed(),
        p.itemsListed(),
        p.inputListed(),
        p.batchesProcessed(),
        Duration.ofNanos(p.elapsedNanos()));
  }

  static JobProgress of(JobResult r) {
    return new JobProgress(
        r.itemsSucceeded(), r.itemsFailed(), r.items(), true, r.miniBatches(), r.duration());
  }
}
