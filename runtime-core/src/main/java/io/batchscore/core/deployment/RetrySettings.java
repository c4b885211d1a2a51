package io.batchscore.core.deployment;

import java.time.Duration;

/**
 * {@code retry_settings}: how many attempts a mini-batch gets and how long one may take.
 *
 * @param maxRetries attempts of a mini-batch (and of a worker's init), at least 1
 * @param timeout how long one {@code run} may take before the attempt is abandoned
 */
public record RetrySettings(int maxRetries, Duration timeout) {}
