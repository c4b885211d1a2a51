package io.batchscore.core.scorer;

/**
 * Marks a scorer whose {@code run} may return more elements than its mini-batch has items, every
 * element becoming a row: the cloud's rule for Python scoring scripts. A Java scorer without this
 * mark that returns more elements fails that attempt.
 */
public interface LenientResults {}
