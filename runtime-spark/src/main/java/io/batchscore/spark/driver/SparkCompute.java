package io.batchscore.spark.driver;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.schedule.RemoteCompute;
import io.batchscore.core.schedule.RemoteQueue;
import io.batchscore.spark.executor.ExecutorSpec;
import io.batchscore.spark.executor.PartitionScorer;
import io.batchscore.spark.executor.SlotPool;
import io.batchscore.spark.executor.TaskInput;
import io.batchscore.spark.executor.TaskOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Scores a job's mini-batches on a Spark application. The driver takes mini-batches from the
 * job's queue in waves, each submitted as one Spark job of a few tasks (a run of consecutive
 * mini-batches per task, as many as {@link TaskSizer} says); each task's result (rows, failures,
 * log lines) is handed to the job as Spark delivers it, and the job commits in input order. The
 * first wave is small and the next waits for its first result, which sizes the tasks. When the
 * job stops (error threshold, cancel) the running Spark jobs are cancelled; their undelivered
 * mini-batches stay uncommitted.
 */
public final class SparkCompute implements RemoteCompute {

  /** Mini-batches of a task of the first wave, before a task's result sizes the next. */
  private static final int FIRST_PER_TASK = 4;

  /** The most bytes of tabular rows one task carries, and all open mini-batches together. */
  private static final long TASK_BYTES = 16L << 20;

  private static final long WINDOW_BYTES = 256L << 20;

  private final SparkSession session;
  private volatile ExecutorSpec spec;
  private final String description;
  private final boolean stopSession;
  private final AtomicInteger running = new AtomicInteger();
  private final int window;
  private final TaskSizer sizer;

  /**
   * @param session the Spark application
   * @param spec the job, as executors need it
   * @param description a line for the job log, such as {@code spark local[2]}
   * @param stopSession whether {@link #close} stops the session
   * @param batchBytes {@code mini_batch_size} in bytes for tabular input, 0 for a count: bounds
   *     the bytes one task and the open mini-batches carry
   */
  public SparkCompute(
      SparkSession session,
      ExecutorSpec spec,
      String description,
      boolean stopSession,
      long batchBytes) {
    this.session = session;
    this.spec = spec;
    this.description = description;
    this.stopSession = stopSession;
    int slots = workers();
    int open = Math.max(2048, Math.min(16384, 1024 * slots));
    int perTask = TaskSizer.MAX_PER_TASK;
    if (batchBytes > 0) {
      open = (int) Math.max(16, Math.min(open, WINDOW_BYTES / batchBytes));
      perTask = (int) Math.max(1, Math.min(perTask, TASK_BYTES / batchBytes));
    }
    this.window = open;
    this.sizer = new TaskSizer(slots, perTask);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public int workers() {
    return Math.max(1, session.sparkContext().defaultParallelism());
  }

  @Override
  public int window() {
    return window;
  }

  @Override
  public void run(RemoteQueue queue) throws Exception {
    SparkContext sc = session.sparkContext();
    spec = spec.withOutputDir(queue.layout().outputDir().toString());
    queue
        .jobLog()
        .info(
            "spark application %s (%s), master %s, web UI %s, %d task slot(s);"
                + " instance_count and max_concurrency_per_instance do not apply: the executors' cores"
                + " make the workers",
            sc.applicationId(),
            sc.appName(),
            sc.master(),
            sc.uiWebUrl().isDefined() ? sc.uiWebUrl().get() : "none",
            workers());
    ExecutorEvents events = new ExecutorEvents(queue.jobLog());
    sc.addSparkListener(events);
    String group = "batchscore-" + UUID.randomUUID();
    sc.setJobGroup(group, "batchscore " + spec.scorerClass(), true);
    ExecutorService waiters =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "batchscore-spark-wave");
              t.setDaemon(true);
              return t;
            });
    List<Future<?>> waves = new ArrayList<>();
    boolean canceled = false;
    int idleRounds = 0;
    try (WorkerLogs logs = new WorkerLogs(queue.layout())) {
      while (true) {
        if (!canceled && queue.stopping()) {
          sc.cancelJobGroup(group);
          canceled = true;
        }
        List<MiniBatch> batches = gather(queue);
        if (!batches.isEmpty()) {
          idleRounds = 0;
          waves.add(submit(sc, batches, queue, logs, waiters));
          continue;
        }
        if (queue.finished()) {
          break;
        }
        // nothing running and nothing to take: a wave's end is being reported, or the job is
        // stuck (a mini-batch given out and never reported); the job fails the latter
        if (running.get() == 0 && ++idleRounds > 200) {
          break;
        }
        queue.awaitChange(50);
      }
      for (Future<?> w : waves) {
        w.get();
      }
    } finally {
      waiters.shutdownNow();
      sc.clearJobGroup();
      sc.removeSparkListener(events);
    }
  }

  /**
   * @return the next wave: none while the slots have work queued (see {@link TaskSizer#starving},
   *     so the tasks are cut with the latest measure), or while the first wave runs and no task
   *     has reported back yet; else the mini-batches ready now, up to a task's worth per slot
   */
  private List<MiniBatch> gather(RemoteQueue queue) {
    List<MiniBatch> got = new ArrayList<>();
    if (running.get() > 0 && (sizer.perTask() == 0 || !sizer.starving())) {
      return got;
    }
    int target = sizer.waveTarget(window / 4, FIRST_PER_TASK);
    while (got.size() < target) {
      MiniBatch b = queue.poll();
      if (b == null) {
        break;
      }
      got.add(b);
    }
    return got;
  }

  private Future<?> submit(
      SparkContext sc,
      List<MiniBatch> batches,
      RemoteQueue queue,
      WorkerLogs logs,
      ExecutorService waiters) {
    Wave wave =
        new Wave(batches, sizer.tasks(batches.size()), queue, logs, sizer, spec.shipInputs());
    sizer.submitted(batches.size());
    int n = wave.partitions().size();
    RDD<List<TaskInput>> rdd = new JavaSparkContext(sc).parallelize(wave.partitions(), n).rdd();
    List<Object> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(i);
    }
    running.incrementAndGet();
    SimpleFutureAction<BoxedUnit> job =
        sc.submitJob(
            rdd,
            new PartitionScorer(spec),
            scala.jdk.javaapi.CollectionConverters.asScala(ids).toSeq(),
            new Deliver(wave, queue),
            new Done());
    return waiters.submit(
        () -> {
          try {
            job.get();
            wave.ended("its Spark task ended without a result");
          } catch (Exception e) {
            String why =
                e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse(e.toString());
            wave.ended("Spark job failed: " + why);
          } finally {
            running.decrementAndGet();
          }
          return null;
        });
  }

  /**
   * Stops the session (when asked to), then closes the job's scorers that ran in this JVM: in
   * local mode the executor's task slots are the driver's.
   */
  @Override
  public void close() {
    try {
      if (stopSession) {
        session.stop();
      }
    } finally {
      SlotPool.closeJob(spec.jobKey());
    }
  }

  /** Spark's result handler: a partition's result, on the driver, once per partition. */
  private static final class Deliver extends AbstractFunction2<Object, TaskOutput, BoxedUnit> {
    private final Wave wave;
    private final RemoteQueue queue;

    Deliver(Wave wave, RemoteQueue queue) {
      this.wave = wave;
      this.queue = queue;
    }

    @Override
    public BoxedUnit apply(Object partition, TaskOutput out) {
      try {
        wave.delivered((Integer) partition, out);
      } catch (RuntimeException e) { // never into Spark's scheduler thread
        queue.jobLog().warn("cannot take the result of a Spark task: %s", e);
      }
      return BoxedUnit.UNIT;
    }
  }

  /** Spark's result function: nothing to gather, the handler took every result. */
  private static final class Done extends AbstractFunction0<BoxedUnit> {
    @Override
    public BoxedUnit apply() {
      return BoxedUnit.UNIT;
    }
  }
}
