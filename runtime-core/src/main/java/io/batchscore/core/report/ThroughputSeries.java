package io.batchscore.core.report;

import io.batchscore.core.logs.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's items done over time, sampled about once a second, in bounded memory: when
 * {@code capacity} points are held, every other one is dropped and the sampling step doubles, so
 * a job of any length keeps between {@code capacity / 2} and {@code capacity} points spread over
 * its whole run. Counts are cumulative, so dropping a point loses no item, only resolution.
 *
 * <p><b>Concurrency.</b> Synchronized: the progress reporter samples, the job reads at the end.
 */
public final class ThroughputSeries {

  /**
   * One point of the throughput chart.
   *
   * @param seconds the end of the interval, in seconds since the job started
   * @param itemsPerSecond items done per second over the interval since the previous point
   * @param itemsDone items done at its end
   */
  public record Point(double seconds, double itemsPerSecond, long itemsDone) {}

  private final int capacity;
  private final long[] millis;
  private final long[] done;
  private final long[] failed;
  private int size; // guarded by this
  private long stepMillis; // guarded by this
  private boolean ended; // guarded by this; set by last()
  private long baseline; // guarded by this

  /** A series of at most 600 points sampled every second at first. */
  public ThroughputSeries() {
    this(600, 1000);
  }

  /**
   * @param capacity the most points kept, even and at least 4
   * @param stepMillis the first sampling step
   */
  public ThroughputSeries(int capacity, long stepMillis) {
    if (capacity < 4 || capacity % 2 != 0 || stepMillis <= 0) {
      throw new IllegalArgumentException(
          "capacity " + capacity + " must be even and >= 4, step " + stepMillis + " ms positive");
    }
    this.capacity = capacity;
    this.millis = new long[capacity];
    this.done = new long[capacity];
    this.failed = new long[capacity];
    this.stepMillis = stepMillis;
  }

  /**
   * Sets the items already done when sampling starts, such as a resumed job's committed ones, so
   * the first interval's throughput counts only this run's items.
   *
   * @param itemsDone items done before the job (re)started
   */
  public synchronized void baseline(long itemsDone) {
    this.baseline = itemsDone;
  }

  /**
   * Takes a sample; ignored when it comes less than one step after the last kept one.
   *
   * @param p the job's progress
   */
  public void sample(Progress p) {
    record(p.elapsedNanos() / 1_000_000, p.itemsDone(), p.itemsFailed(), false);
  }

  /**
   * Takes the last sample, however close to the previous one; later samples are ignored.
   *
   * @param p the job's final progress
   */
  public void last(Progress p) {
    record(p.elapsedNanos() / 1_000_000, p.itemsDone(), p.itemsFailed(), true);
  }

  synchronized void record(long atMillis, long itemsDone, long itemsFailed, boolean force) {
    if (ended) {
      return;
    }
    ended = force;
    if (size > 0) {
      long gap = atMillis - millis[size - 1];
      if (gap <= 0 || (!force && gap < stepMillis)) {
        if (force && gap <= 0) { // same moment: keep the later counts
          done[size - 1] = itemsDone;
          failed[size - 1] = itemsFailed;
        }
        return;
      }
    }
    if (size == capacity) {
      halve();
    }
    millis[size] = atMillis;
    done[size] = itemsDone;
    failed[size] = itemsFailed;
    size++;
  }

  /** Keeps points 1, 3, 5...: the newest stays, and the gaps double with the step. */
  private void halve() {
    int kept = 0;
    for (int i = 1; i < size; i += 2) {
      millis[kept] = millis[i];
      done[kept] = done[i];
      failed[kept] = failed[i];
      kept++;
    }
    size = kept;
    stepMillis *= 2;
  }

  /** @return the points kept */
  public synchronized int size() {
    return size;
  }

  /** @return the current sampling step */
  public synchronized long stepMillis() {
    return stepMillis;
  }

  /** @return the throughput over each interval, the first measured from the job's start */
  public synchronized List<Point> points() {
    List<Point> out = new ArrayList<>(size);
    long prevMillis = 0;
    long prevDone = baseline;
    for (int i = 0; i < size; i++) {
      long dt = millis[i] - prevMillis;
      double rate = dt <= 0 ? 0 : (done[i] - prevDone) * 1000.0 / dt;
      out.add(new Point(millis[i] / 1000.0, rate, done[i]));
      prevMillis = millis[i];
      prevDone = done[i];
    }
    return out;
  }
}
