/**
 * The embedding API: run a batch-scoring job inside your own JVM.
 *
 * <pre>{@code
 * Deployment d = DeploymentLoader.load(Path.of("deployment.yml"), List.of());
 * ScoringJob job = ScoringJob.builder(d, Path.of("data"), Path.of("out"))
 *     .listener(p -> System.out.println(p.line()))
 *     .build()
 *     .start();
 * JobResult r = job.awaitEnd();
 * }</pre>
 *
 * <p>{@link io.batchscore.core.job.ScoringJob} runs one job ({@code run()} on the caller's thread,
 * or {@code start()} on its own), can be canceled from any thread, and ends with a
 * {@link io.batchscore.core.job.JobResult}; a {@link io.batchscore.core.job.ProgressListener}
 * follows it through {@link io.batchscore.core.job.JobProgress} samples (items done of the total,
 * rate, ETA). These types, with {@code io.batchscore.core.deployment.DeploymentLoader} and
 * {@code Deployment}, are all an embedding application needs; the scheduler and workers behind
 * them are internal and may change.
 *
 * <p>{@link io.batchscore.core.job.ChildJvmEnvironment} is the environment every child JVM the
 * runtime starts gets (native libraries that need it to start safely).
 */
package io.batchscore.core.job;
