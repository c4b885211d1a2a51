/**
 * Listing the job's input and cutting it into mini-batches, lazily and in a stable order; the
 * entries a listing passes over (link loops, dangling links, FIFOs, unreadable entries) are
 * reported, not silently dropped.
 */
package io.batchscore.core.input;
