/**
 * The BatchScore SPI: what a user implements ({@link io.batchscore.api.Scorer}) and the values the
 * runtime hands it ({@link io.batchscore.api.ScorerContext}, {@link io.batchscore.api.MiniBatch},
 * {@link io.batchscore.api.Row}, {@link io.batchscore.api.Device}).
 *
 * <p>This package depends on the JDK only, so a scorer jar pulls in nothing of BatchScore but it.
 */
package io.batchscore.api;
