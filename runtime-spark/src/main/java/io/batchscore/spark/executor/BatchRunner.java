package io.batchscore.spark.executor;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.schedule.ItemFailure;
import io.batchscore.core.schedule.MiniBatches;
import io.batchscore.core.schedule.PartResult;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Scores the mini-batches of one Spark task on one worker slot, with the local job's policy: a
 * failed or timed-out run is retried until {@code max_retries} attempts; then, with {@code
 * isolate_failed_items}, the mini-batch is split in halves run once each, down to single items,
 * so only the items that fail on their own count as failed. A run past the timeout abandons the
 * slot and a new one (a fresh scorer) takes its place.
 */
final class BatchRunner {

  private final ExecutorSpec spec;
  private final SlotPool pool;
  private final List<TaskOutput.WorkerLines> logs;
  private ScorerSlot slot;
  private int runs;
  private long nanos;

  BatchRunner(
      ExecutorSpec spec, SlotPool pool, ScorerSlot slot, List<TaskOutput.WorkerLines> logs) {
    this.spec = spec;
    this.pool = pool;
    this.slot = slot;
    this.logs = logs;
  }

  /** @return the slot in use now (another than the first after a timeout) */
  ScorerSlot slot() {
    return slot;
  }

  BatchOutcome score(TaskInput input) throws Exception {
    runs = 0;
    nanos = 0;
    PartResult r;
    List<String> items;
    List<String> reasons;
    try (StagedInput staged = StagedInput.of(input)) {
      r = whole(staged.batch());
      items = new ArrayList<>(r.failures().size());
      reasons = new ArrayList<>(r.failures().size());
      for (ItemFailure f : r.failures()) {
        items.add(staged.original(f.item()));
        reasons.add(staged.original(f.reason()));
      }
    }
    return new BatchOutcome(
        input.position(),
        r.rows(),
        r.succeeded(),
        items,
        reasons,
        runs,
        slot.name(),
        slot.device().toString(),
        nanos);
  }

  private PartResult whole(MiniBatch b) throws Exception {
    String reason = "";
    for (int attempt = 1; attempt <= spec.maxRetries(); attempt++) {
      MiniBatch tried = MiniBatches.withAttempt(b, attempt);
      Object result = runOnce(tried);
      if (result instanceof PartResult ok) {
        return ok;
      }
      Failure f = (Failure) result;
      reason = f.reason();
      logFailure(
          tried,
          f,
          attempt < spec.maxRetries()
              ? "will retry (attempt " + (attempt + 1) + " of " + spec.maxRetries() + ")"
              : spec.isolate() && b.size() > 1
                  ? "split into parts of "
                      + b.size() / 2
                      + " and "
                      + (b.size() - b.size() / 2)
                      + " items to isolate the failing items"
                  : "its " + b.size() + " items failed");
    }
    return spec.isolate() && b.size() > 1 ? split(b, "") : PartResult.allFailed(b, reason);
  }

  private PartResult split(MiniBatch b, String prefix) throws Exception {
    int mid = b.size() / 2;
    PartResult left = part(MiniBatches.slice(b, 0, mid, prefix + "1"));
    PartResult right = part(MiniBatches.slice(b, mid, b.size(), prefix + "2"));
    List<String> rows = new ArrayList<>(left.rows());
    rows.addAll(right.rows());
    List<ItemFailure> failures = new ArrayList<>(left.failures());
    failures.addAll(right.failures());
    return new PartResult(rows, left.succeeded() + right.succeeded(), failures);
  }

  private PartResult part(MiniBatch p) throws Exception {
    Object result = runOnce(p);
    if (result instanceof PartResult ok) {
      return ok;
    }
    Failure f = (Failure) result;
    logFailure(p, f, p.size() > 1 ? "split again" : "item failed");
    return p.size() > 1 ? split(p, p.part() + "/") : PartResult.allFailed(p, f.reason());
  }

  /** A run that threw or timed out: its reason, and the error when it threw. */
  private record Failure(String reason, Throwable error) {}

  private void logFailure(MiniBatch b, Failure f, String next) {
    slot.log().log(
        Level.ERROR,
        "[batchscore] "
            + b
            + (f.error() == null ? " timed out: " : " failed: ")
            + f.reason()
            + "; "
            + next,
        f.error());
  }

  /** @return a {@link PartResult}, or a {@link Failure} */
  private Object runOnce(MiniBatch b) throws Exception {
    runs++;
    long start = System.nanoTime();
    try {
      List<?> out = slot.run(b, spec.timeoutMillis());
      if (out == null) {
        return new Failure(
            "java.lang.NullPointerException: run returned null instead of a list", null);
      }
      return PartResult.of(b, out, spec.keepRows());
    } catch (TimeoutException e) {
      String reason =
          "run did not return within retry_settings.timeout ("
              + spec.timeoutMillis() / 1000.0
              + " s)";
      ScorerSlot old = slot;
      old.log().log(Level.ERROR, "[batchscore] " + b + " timed out; worker abandoned and replaced");
      logs.add(new TaskOutput.WorkerLines(old.node(), old.process(), old.log().drain()));
      slot = pool.replace(old);
      return new Failure(reason, null);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) { // a scorer's failure of any kind fails the attempt, not the task
      return new Failure(reason(e), e);
    } finally {
      nanos += System.nanoTime() - start;
    }
  }

  /** One line naming the error's type and message, and its root cause's, as a local worker. */
  static String reason(Throwable t) {
    String s = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t) {
      s +=
          " (caused by "
              + root.getClass().getName()
              + (root.getMessage() == null ? "" : ": " + root.getMessage())
              + ")";
    }
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
