/**
 * A test kit for scorer authors: {@link io.batchscore.core.testing.ScorerHarness} runs a
 * {@code Scorer} in-process, with a real context, over a folder of files or a list of rows, so a
 * scorer can be unit-tested in a few lines of JUnit without a deployment file or a job.
 */
package io.batchscore.core.testing;
