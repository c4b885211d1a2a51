package io.batchscore.spark.executor;

import java.io.Serializable;
import java.util.List;

/**
 * The final outcome of one mini-batch scored on an executor, sent back with the task's result.
 *
 * @param position its place in the Spark job ({@link TaskInput#position()})
 * @param rows its rows, formatted, in item order
 * @param succeeded items that succeeded
 * @param failedItems the failed items' names, in item order
 * @param failedReasons their reasons, in the same order
 * @param runs runs made for it (attempts and isolated parts)
 * @param worker the worker that made the last run
 * @param device that worker's device
 * @param nanos time spent in {@code run}, all runs together
 */
public record BatchOutcome(
    int position,
    List<String> rows,
    int succeeded,
    List<String> failedItems,
    List<String> failedReasons,
    int runs,
    String worker,
    String device,
    long nanos)
    implements Serializable {}
