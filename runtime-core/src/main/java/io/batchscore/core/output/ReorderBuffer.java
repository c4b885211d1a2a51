package io.batchscore.core.output;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts values that arrive in any order back into index order. Completed mini-batches are offered
 * with their index; every value that extends the contiguous prefix is handed to the consumer, in
 * index order, under this buffer's lock, so the consumer never runs concurrently with itself.
 *
 * <p>Memory is bounded by the caller: the scheduler never issues an index at or beyond
 * {@link #committed()} plus its window, so at most a window's worth of values wait here.
 *
 * @param <T> what is reordered
 */
public final class ReorderBuffer<T> {

  private final Map<Long, T> waiting = new HashMap<>(); // guarded by this
  private long next; // guarded by this; the index the consumer needs next

  /** @param firstIndex the first index expected (0, or where a resumed job starts) */
  public ReorderBuffer(long firstIndex) {
    this.next = firstIndex;
  }

  /**
   * Offers a value; hands it, and whatever waited behind it, to the consumer when it is next.
   *
   * @param index the value's index; each index is offered once
   * @param value the value
   * @param inOrder called with each value in index order
   * @return how many values were handed to the consumer by this call
   * @throws IllegalStateException when an index is offered twice or was already passed
   */
  public synchronized int offer(long index, T value, Consumer<T> inOrder) {
    if (index < next || waiting.putIfAbsent(index, value) != null) {
      throw new IllegalStateException("mini-batch " + index + " completed twice");
    }
    int handed = 0;
    T v;
    while ((v = waiting.remove(next)) != null) {
      inOrder.accept(v);
      next++;
      handed++;
    }
    return handed;
  }

  /** @return how many indices have been handed to the consumer (the next index expected) */
  public synchronized long committed() {
    return next;
  }

  /** @return how many values wait for an earlier index */
  public synchronized int waiting() {
    return waiting.size();
  }
}
