package io.batchscore.core.schedule;

/**
 * An input item that ends the job without a row, and why.
 *
 * @param miniBatch the index of the mini-batch it was in
 * @param item the file path, or a row's {@code file:line}
 * @param reason what went wrong, in one line
 */
public record ItemFailure(long miniBatch, String item, String reason) {}
