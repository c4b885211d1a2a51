package io.batchscore.core.schedule;

import java.util.List;

/**
 * What happens to a task whose run threw or timed out: retried, split to isolate the failing
 * items, or given up (its items fail). Pure: the {@link Ledger} carries the decision out.
 *
 * @param retry how often a whole mini-batch is run
 * @param isolation whether a given-up mini-batch is split
 */
record FailurePolicy(RetryPolicy retry, IsolationPolicy isolation) {

  /** The decision for one failed task. */
  sealed interface Decision {
    /** @return what happens next, in words, for the worker's log */
    String describe();
  }

  /** Run it again, first in line. */
  record Retry(Task next, int maxRetries) implements Decision {
    @Override
    public String describe() {
      return "will retry (attempt " + next.batch().attempt() + " of " + maxRetries + ")";
    }
  }

  /** Run its two halves, first in line. */
  record Split(List<Task> parts) implements Decision {
    @Override
    public String describe() {
      return "split into parts of "
          + parts.get(0).batch().size()
          + " and "
          + parts.get(1).batch().size()
          + " items to isolate the failing items";
    }
  }

  /** Its items fail. */
  record GiveUp(int items) implements Decision {
    @Override
    public String describe() {
      return items == 1 ? "item failed" : "its " + items + " items failed";
    }
  }

  /** The job is stopping: it is left uncommitted (decided by the ledger, not the policy). */
  record Dropped() implements Decision {
    @Override
    public String describe() {
      return "not retried: the job is stopping; a resume will score it again";
    }
  }

  /** @return what to do with {@code failed} */
  Decision decide(Task failed) {
    if (retry.retries(failed.batch())) {
      return new Retry(
          new Task(retry.nextAttempt(failed.batch()), failed.offset()), retry.maxRetries());
    }
    if (isolation.splits(failed.batch())) {
      return new Split(isolation.split(failed));
    }
    return new GiveUp(failed.batch().size());
  }
}
