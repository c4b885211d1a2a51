package io.batchscore.spark.driver;

/**
 * How many mini-batches one Spark task carries, and when a wave is big enough to submit. A Spark
 * task costs a fixed amount of time in the scheduler, on the way to the executor and back
 * (measured in {@code local[2]}: some 20 ms on a busy 2-core machine, as much as a task of a few
 * FashionMNIST mini-batches), so a task carries a contiguous run of mini-batches worth about
 * {@link #TARGET_NANOS} of the scorer's time, from the recent tasks' time per mini-batch (a
 * moving average over tasks that ran on a scorer that had run a task before: a fresh scorer's
 * first runs include its warm-up). Until such a task reports back, a wave is spread over four
 * tasks per slot. A wave smaller than a task per slot is spread evenly over the slots, so the
 * job's last mini-batches do not wait on one slot. Thread-safe.
 */
final class TaskSizer {

  /** The scorer time one Spark task aims at. */
  static final long TARGET_NANOS = 200_000_000L;

  /** Most mini-batches in one Spark task. */
  static final int MAX_PER_TASK = 512;

  /** Weight of the latest task in the moving average. */
  private static final double WEIGHT = 0.3;

  private final int slots;
  private final int maxPerTask;
  private double nanosPerBatch; // guarded by this; 0 until measured
  private int pending; // guarded by this: mini-batches submitted and not reported back

  /**
   * @param slots the task slots of the application
   * @param maxPerTask most mini-batches in one task (lower for large tabular mini-batches)
   */
  TaskSizer(int slots, int maxPerTask) {
    this.slots = Math.max(1, slots);
    this.maxPerTask = Math.max(1, Math.min(MAX_PER_TASK, maxPerTask));
  }

  /** @param count mini-batches submitted to Spark */
  synchronized void submitted(int count) {
    pending += count;
  }

  /**
   * Records a task's result.
   *
   * @param runNanos the scorer's time for its mini-batches, all runs together
   * @param count how many mini-batches
   * @param warm whether its scorer had run a task before (its time is a fair measure)
   */
  synchronized void delivered(long runNanos, int count, boolean warm) {
    pending -= count;
    if (warm && count > 0) {
      double x = Math.max(1.0, (double) runNanos / count);
      nanosPerBatch = nanosPerBatch == 0 ? x : (1 - WEIGHT) * nanosPerBatch + WEIGHT * x;
    }
  }

  /** @param count mini-batches submitted and lost (their Spark job ended without them) */
  synchronized void lost(int count) {
    pending -= count;
  }

  /** @return the mini-batches per task that make {@link #TARGET_NANOS}; 0 before a measure */
  synchronized int perTask() {
    if (nanosPerBatch == 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(maxPerTask, Math.round(TARGET_NANOS / nanosPerBatch)));
  }

  /**
   * @param max the most a wave may hold
   * @param firstPerTask mini-batches per task before a measure
   * @return the size of wave worth submitting: a task per slot; 4 small tasks per slot before a
   *     measure
   */
  int waveTarget(int max, int firstPerTask) {
    int perTask = perTask();
    return Math.max(1, Math.min(max, slots * (perTask == 0 ? 4 * firstPerTask : perTask)));
  }

  /**
   * @return whether the slots are running out of work: less than two tasks each submitted and
   *     not reported back; the next wave is submitted then, not earlier, so that each wave's
   *     tasks are cut with the latest measure
   */
  boolean starving() {
    int perTask = Math.max(1, perTask());
    synchronized (this) {
      return pending < 2 * slots * perTask;
    }
  }

  /**
   * @param waveSize the mini-batches of a wave
   * @return into how many tasks to cut it (each a contiguous run, sizes differing by one at most)
   */
  int tasks(int waveSize) {
    if (waveSize <= 0) {
      return 0;
    }
    int perTask = perTask();
    int tasks = perTask == 0 ? Math.min(waveSize, 4 * slots) : ceilDiv(waveSize, perTask);
    tasks = Math.max(tasks, Math.min(waveSize, slots)); // every slot gets a part of a small wave
    return Math.max(tasks, ceilDiv(waveSize, maxPerTask));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
