package io.batchscore.core.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 *
 * <p>The report's figures ({@link #runDurations()}, {@link #workers()}) come from further
 * Micrometer timers registered nowhere, so that they add no series to the exports:
 * one per outcome over all devices, with percentiles within about 1 % and a log-scaled histogram ({@value #BUCKETS_PER_DECADE}
 * buckets per decade from 1 µs to 10<sup>4</sup> s), and one per worker.
 */
public final class JobMetrics {

  /** Longer than any job, so percentiles never rotate out of the window. */
  private static final Duration WHOLE_JOB = Duration.ofDays(3650);

  /** Histogram buckets per decade of the report's run durations. */
  public static final int BUCKETS_PER_DECADE = 20;

  /** The report's timers by outcome: percentiles within about 1 %, log-scaled buckets. */
  private static final DistributionStatisticConfig RUN_DURATIONS =
      DistributionStatisticConfig.builder()
          .percentiles(0.5, 0.9, 0.99)
          .percentilePrecision(2)
          .serviceLevelObjectives(logBuckets())
          .expiry(WHOLE_JOB)
          .bufferLength(1)
          .build()
          .merge(DistributionStatisticConfig.DEFAULT);

  private final MeterRegistry registry;
  private final Counter itemsSucceeded;
  private final Counter itemsFailed;
  private final Counter retries;
  private final Counter timeouts;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> byOutcome = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> byWorker = new ConcurrentHashMap<>();
  // per mini-batch: a registry lookup builds an Id and its Tags each time; look up once per status
  private final ConcurrentHashMap<String, Counter> miniBatches = new ConcurrentHashMap<>();

  /** @param registry where the meters live */
  public JobMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.itemsSucceeded =
        Counter.builder("batchscore.items")
            .tag("outcome", "succeeded")
            .description("input items by outcome")
            .register(registry);
    this.itemsFailed =
        Counter.builder("batchscore.items")
            .tag("outcome", "failed")
            .description("input items by outcome")
            .register(registry);
    this.retries =
        Counter.builder("batchscore.retries")
            .description("mini-batch attempts that were retried")
            .register(registry);
    this.timeouts =
        Counter.builder("batchscore.timeouts")
            .description("runs abandoned after retry_settings.timeout")
            .register(registry);
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
    Gauge.builder("batchscore.queue.depth", queueDepth)
        .description("mini-batches issued and not yet committed")
        .register(registry);
    Gauge.builder("batchscore.reorder.depth", reorderDepth)
        .description("completed mini-batches waiting for an earlier one")
        .register(registry);
  }

  /**
   * @param succeeded items that gave a row
   * @param failed items that failed
   * @param status the mini-batch's status
   */
  public void committed(int succeeded, int failed, String status) {
    itemsSucceeded.increment(succeeded);
    itemsFailed.increment(failed);
    miniBatches
        .computeIfAbsent(status, st -> registry.counter("batchscore.minibatches", "outcome", st))
        .increment();
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
    timers
        .computeIfAbsent(
            outcome + "|" + device,
            k ->
                Timer.builder("batchscore.minibatch.duration")
                    .tags("outcome", outcome, "device", device)
                    .description("time spent in Scorer.run per attempt")
                    .publishPercentiles(0.5, 0.9, 0.99)
                    .publishPercentileHistogram(false)
                    .distributionStatisticExpiry(WHOLE_JOB)
                    .distributionStatisticBufferLength(1)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
    byWorker
        .computeIfAbsent(worker, w -> workerTimer(w, device))
        .record(nanos, TimeUnit.NANOSECONDS);
    byOutcome
        .computeIfAbsent(
            outcome, o -> timer("batchscore.run.duration", RUN_DURATIONS, Tags.of("outcome", o)))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A worker's runs, and the exported counter of its busy time read from them. */
  private Timer workerTimer(String worker, String device) {
    Tags tags = Tags.of("worker", worker, "device", device);
    Timer runs = timer("batchscore.worker.runs", DistributionStatisticConfig.DEFAULT, tags);
    FunctionCounter.builder("batchscore.worker.busy", runs, t -> t.totalTime(TimeUnit.SECONDS))
        .tags(tags)
        .baseUnit("seconds")
        .description("time the worker spent in Scorer.run")
        .register(registry);
    return runs;
  }

  /** A timer of the report's, counting over the whole job and registered nowhere. */
  private static Timer timer(String name, DistributionStatisticConfig config, Tags tags) {
    return new CumulativeTimer(
        new Meter.Id(name, tags, null, null, Meter.Type.TIMER),
        Clock.SYSTEM,
        config,
        new NoPauseDetector(),
        TimeUnit.SECONDS,
        false);
  }

  /**
   * @return the durations of {@code run} over the whole job by outcome (success, error,
   *     timeout), with percentiles 0.5, 0.9 and 0.99 and the cumulative counts at each of the
   *     log-scaled bucket bounds, for the job report
   */
  public Map<String, HistogramSnapshot> runDurations() {
    Map<String, HistogramSnapshot> out = new TreeMap<>();
    byOutcome.forEach((outcome, timer) -> out.put(outcome, timer.takeSnapshot()));
    return out;
  }

  /** @return each worker's busy time and runs, by name, for the job report */
  public List<WorkerBusy> workers() {
    return new TreeMap<>(byWorker)
        .values().stream()
            .map(
                t ->
                    new WorkerBusy(
                        t.getId().getTag("worker"),
                        t.getId().getTag("device"),
                        (long) t.totalTime(TimeUnit.NANOSECONDS),
                        t.count()))
            .toList();
  }

  /**
   * One worker's totals.
   *
   * @param worker the worker's name, such as {@code node000/process000}
   * @param device its device
   * @param busyNanos time spent in {@code run}
   * @param runs runs made
   */
  public record WorkerBusy(String worker, String device, long busyNanos, long runs) {}

  /** @return the bucket bounds in nanoseconds, the base unit of a timer's histogram */
  private static double[] logBuckets() {
    int decades = 10; // 1 µs to 10^4 s
    double[] bounds = new double[BUCKETS_PER_DECADE * decades + 1];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = Math.round(1_000 * Math.pow(10, i / (double) BUCKETS_PER_DECADE));
    }
    return bounds;
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
