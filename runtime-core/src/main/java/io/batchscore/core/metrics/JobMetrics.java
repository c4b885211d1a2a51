package io.batchscore.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import io.micrometer.core.instrument.FunctionCounter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The job's meters, named after Micrometer's conventions under the {@code batchscore.} prefix:
 *
 * <ul>
 *   <li>{@code batchscore.items} counter, tag {@code outcome} = succeeded | failed;</li>
 *   <li>{@code batchscore.minibatches} counter, tag {@code outcome} = succeeded | failed |
 *       partially_failed (committed mini-batches);</li>
 *   <li>{@code batchscore.minibatch.duration} timer of each {@code run}, tags {@code outcome}
 *       (success | error | timeout) and {@code device}, with percentiles 0.5, 0.9 and 0.99 over
 *       the whole job (they do not decay after Micrometer's usual two minutes: the export at the
 *       end must describe the whole job);</li>
 *   <li>{@code batchscore.worker.busy} function counter, base unit seconds, tags {@code worker}
 *       and {@code device}: time each worker spent in {@code run} (one series per worker slot, so
 *       cardinality stays at instances x concurrency);</li>
 *   <li>{@code batchscore.retries}, {@code batchscore.timeouts} counters;</li>
 *   <li>{@code batchscore.worker.inits} counter, tag {@code outcome} = success | error;</li>
 *   <li>{@code batchscore.queue.depth} gauge: mini-batches issued and not yet committed;</li>
 *   <li>{@code batchscore.reorder.depth} gauge: completed mini-batches waiting for an earlier one.</li>
 * </ul>
 */
public final class JobMetrics {

  /** Longer than any job, so percentiles never rotate out of the window. */
  private static final Duration WHOLE_JOB = Duration.ofDays(3650);

  private final MeterRegistry registry;
  private final Counter itemsSucceeded;
  private final Counter itemsFailed;
  private final Counter retries;
  private final Counter timeouts;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, FunctionCounter> busy = new ConcurrentHashMap<>();
  private final RunStats runStats = new RunStats();
  // per mini-batch: a registry lookup builds an Id and its Tags each time; look up once per status
  private final ConcurrentHashMap<String, Counter> miniBatches = new ConcurrentHashMap<>();

  /** @param registry where the meters live */
  public JobMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.itemsSucceeded = Counter.builder("batchscore.items").tag("outcome", "succeeded")
        .description("input items by outcome").register(registry);
    this.itemsFailed = Counter.builder("batchscore.items").tag("outcome", "failed")
        .description("input items by outcome").register(registry);
    this.retries = Counter.builder("batchscore.retries")
        .description("mini-batch attempts that were retried").register(registry);
    this.timeouts = Counter.builder("batchscore.timeouts")
        .description("runs abandoned after retry_settings.timeout").register(registry);
  }

  /** @return the registry, also handed to scorers */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * @param queueDepth mini-batches issued and not yet committed
   * @param reorderDepth completed mini-batches waiting for an earlier one
   */
  public void gauges(Supplier<Number> queueDepth, Supplier<Number> reorderDepth) {
    io.micrometer.core.instrument.Gauge.builder("batchscore.queue.depth", queueDepth)
        .description("mini-batches issued and not yet committed").register(registry);
    io.micrometer.core.instrument.Gauge.builder("batchscore.reorder.depth", reorderDepth)
        .description("completed mini-batches waiting for an earlier one").register(registry);
  }

  /**
   * @param succeeded items that gave a row
   * @param failed items that failed
   * @param status the mini-batch's status
   */
  public void committed(int succeeded, int failed, String status) {
    itemsSucceeded.increment(succeeded);
    itemsFailed.increment(failed);
    miniBatches.computeIfAbsent(status,
        st -> registry.counter("batchscore.minibatches", "outcome", st)).increment();
  }

  /**
   * Records one {@code run}, whatever its outcome.
   *
   * @param outcome success, error or timeout
   * @param device the worker's device
   * @param worker the worker's name, such as {@code node000/process000}
   * @param nanos how long {@code run} took
   */
  public void run(String outcome, String device, String worker, long nanos) {
    timers.computeIfAbsent(outcome + "|" + device, k -> Timer.builder("batchscore.minibatch.duration")
        .tags("outcome", outcome, "device", device)
        .description("time spent in Scorer.run per attempt")
        .publishPercentiles(0.5, 0.9, 0.99)
        .publishPercentileHistogram(false)
        .distributionStatisticExpiry(WHOLE_JOB)
        .distributionStatisticBufferLength(1)
        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    busy.computeIfAbsent(worker, w -> FunctionCounter.builder("batchscore.worker.busy", runStats,
            s -> s.busyNanos(w, device) / 1e9)
        .tags("worker", w, "device", device)
        .baseUnit("seconds")
        .description("time the worker spent in Scorer.run")
        .register(registry));
    runStats.record(outcome, device, worker, nanos);
  }

  /** @return per-worker busy time and the run-duration distribution, for the job report */
  public RunStats runStats() {
    return runStats;
  }

  /** Counts a retry. */
  public void retried() {
    retries.increment();
  }

  /** Counts a timeout. */
  public void timedOut() {
    timeouts.increment();
  }

  /** @param ok whether a worker's init succeeded */
  public void workerInit(boolean ok) {
    registry.counter("batchscore.worker.inits", "outcome", ok ? "success" : "error").increment();
  }
}
