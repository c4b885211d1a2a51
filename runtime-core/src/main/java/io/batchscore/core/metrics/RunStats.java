package io.batchscore.core.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the job's report needs from every {@code Scorer.run} beyond what Micrometer keeps: each
 * worker's busy time and run count, and the distribution of run durations by outcome, over the
 * whole job. Fed from {@link JobMetrics#run}, the one place every run (success, error, timeout)
 * ends up. Memory is bounded by the number of workers and outcomes.
 *
 * <p><b>Concurrency.</b> Lock-free; workers record concurrently, readers see counts that may be a
 * run apart while the job goes on and exact ones after it.
 */
public final class RunStats {

  /**
   * One worker's totals.
   *
   * @param worker the worker's name, such as {@code node000/process000}
   * @param device its device
   * @param busyNanos time spent in {@code run}
   * @param runs runs made
   */
  public record WorkerBusy(String worker, String device, long busyNanos, long runs) {}

  private static final class Acc {
    final String device;
    final LongAdder busy = new LongAdder();
    final LongAdder runs = new LongAdder();

    Acc(String device) {
      this.device = device;
    }
  }

  private final ConcurrentHashMap<String, Acc> workers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LatencyHistogram> byOutcome = new ConcurrentHashMap<>();

  /**
   * @param outcome success, error or timeout
   * @param device the worker's device
   * @param worker the worker's name
   * @param nanos how long the run took
   */
  public void record(String outcome, String device, String worker, long nanos) {
    Acc a = acc(worker, device);
    a.busy.add(Math.max(0, nanos));
    a.runs.increment();
    byOutcome.computeIfAbsent(outcome, k -> new LatencyHistogram()).record(nanos);
  }

  private Acc acc(String worker, String device) {
    return workers.computeIfAbsent(worker, w -> new Acc(device));
  }

  /**
   * @param worker a worker's name
   * @param device its device
   * @return its busy time so far in nanoseconds (creating its entry)
   */
  long busyNanos(String worker, String device) {
    return acc(worker, device).busy.sum();
  }

  /** @return each worker's totals, by name */
  public Map<String, WorkerBusy> workers() {
    Map<String, WorkerBusy> out = new TreeMap<>();
    workers.forEach((w, a) -> out.put(w, new WorkerBusy(w, a.device, a.busy.sum(), a.runs.sum())));
    return out;
  }

  /** @return the run durations by outcome (success, error, timeout) */
  public Map<String, LatencyHistogram> latencies() {
    return new TreeMap<>(byOutcome);
  }
}
