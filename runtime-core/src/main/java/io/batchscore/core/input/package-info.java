/**
 * Listing the job's input and cutting it into mini-batches, lazily and in a stable order.
 */
package io.batchscore.core.input;
