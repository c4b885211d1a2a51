package io.batchscore.spark.executor;

import io.batchscore.api.Device;
import io.batchscore.core.scorer.ScorerFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker slots of one job in one executor JVM. A Spark task borrows an idle slot on its
 * device (or starts one, so there are as many as tasks ever ran at once there: one per worker
 * slot of the executor) and gives it back at its end; scorers are initialised once per slot, not
 * per task, and closed when the executor's JVM ends, or, in local mode (the executor is the
 * driver's JVM), when the driver closes the job ({@link #closeJob}).
 *
 * <p>Guarded by this object's monitor: the idle slots, the slots made and whether it is closed.
 */
public final class SlotPool {

  private static final Map<String, SlotPool> POOLS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SlotPool::closeAll, "batchscore-close"));
  }

  private final ExecutorSpec spec;
  private final String node;
  private final ScorerFactory factory;
  private final Path modelDir;
  private final Map<Device, Deque<ScorerSlot>> idle = new HashMap<>();
  private final List<ScorerSlot> all = new ArrayList<>();
  private int made;
  private boolean closed;

  private SlotPool(ExecutorSpec spec, String node, ScorerFactory factory, Path modelDir) {
    this.spec = spec;
    this.node = node;
    this.factory = factory;
    this.modelDir = modelDir;
  }

  /**
   * @param spec the job
   * @param node this executor's node name
   * @param files resolves a shipped file's name to its local path
   * @return the job's pool in this JVM, made on first use
   */
  static SlotPool of(
      ExecutorSpec spec, String node, java.util.function.UnaryOperator<String> files) {
    return POOLS.computeIfAbsent(
        spec.jobKey(),
        k -> {
          String code =
              spec.code().isEmpty() ? "" : spec.shipped() ? files.apply(spec.code()) : spec.code();
          String model = spec.shipped() ? files.apply(spec.model()) : spec.model();
          ScorerFactory f =
              ScorerFactory.load(
                  code.isEmpty() ? Optional.empty() : Optional.of(Path.of(code)),
                  spec.scorerClass(),
                  SlotPool.class.getClassLoader());
          return new SlotPool(spec, node, f, Path.of(model));
        });
  }

  /**
   * @param device the device the task was given
   * @return an idle slot on it, or a new one
   * @throws Exception when a new slot's init fails on every attempt
   */
  ScorerSlot borrow(Device device) throws Exception {
    int process;
    synchronized (this) {
      Deque<ScorerSlot> free = idle.get(device);
      if (free != null && !free.isEmpty()) {
        return free.pop();
      }
      process = made++;
    }
    return start(process, device, false);
  }

  /** @return a slot that replaces {@code timedOut}, with the same process number and device */
  ScorerSlot replace(ScorerSlot timedOut) throws Exception {
    return start(timedOut.process(), timedOut.device(), true);
  }

  private ScorerSlot start(int process, Device device, boolean replacing) throws Exception {
    ScorerSlot s = ScorerSlot.start(spec, factory, modelDir, node, process, device, replacing);
    synchronized (this) {
      all.add(s);
    }
    return s;
  }

  /**
   * Gives a slot back at the end of a task; an abandoned one is dropped, and one given back to a
   * closed pool is closed.
   */
  synchronized void giveBack(ScorerSlot s) {
    if (s.abandoned()) {
      return;
    }
    if (closed) {
      s.close();
      return;
    }
    idle.computeIfAbsent(s.device(), d -> new ArrayDeque<>()).push(s);
  }

  private synchronized void close() {
    closed = true;
    for (ScorerSlot s : all) {
      s.close();
    }
    all.clear();
    idle.clear();
  }

  /**
   * Closes a job's scorers in this JVM and forgets its pool. The driver calls it when the job
   * ends: in local mode the executor is the driver's JVM, which may live on (an embedding
   * application, a workspace), so its scorers must not wait for the JVM's end. An executor of a
   * cluster holds no pool of the job in the driver's JVM: nothing happens there.
   *
   * @param jobKey {@link ExecutorSpec#jobKey()}
   */
  public static void closeJob(String jobKey) {
    SlotPool pool = POOLS.remove(jobKey);
    if (pool != null) {
      pool.close();
    }
  }

  private static void closeAll() {
    POOLS.values().forEach(SlotPool::close);
  }
}
