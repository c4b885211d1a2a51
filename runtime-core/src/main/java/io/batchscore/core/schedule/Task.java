package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;

/**
 * One run to make: a mini-batch, or a part of one, at some attempt.
 *
 * @param batch what the scorer gets
 * @param offset where the part starts in its mini-batch (0 for a whole one)
 */
record Task(MiniBatch batch, int offset) {}
