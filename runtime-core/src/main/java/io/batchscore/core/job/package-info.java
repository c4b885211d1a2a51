/**
 * A job's life, and the embedding API to run one inside your own JVM.
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
 * <p><b>The embedding API.</b> {@link io.batchscore.core.job.ScoringJob} runs one job ({@code
 * run()} on the caller's thread, or {@code start()} on its own), can be canceled from any thread,
 * and ends with a {@link io.batchscore.core.job.JobResult}; its options come from a {@link
 * io.batchscore.core.job.ScoringJobBuilder}, checked before anything starts; a {@link
 * io.batchscore.core.job.ProgressListener} follows it through {@link
 * io.batchscore.core.job.JobProgress} samples (items done of the total, rate, ETA). These types,
 * with {@code io.batchscore.core.deployment.DeploymentLoader} and {@code Deployment}, are all an
 * embedding application needs; the classes behind them are internal and may change.
 *
 * <p><b>A job's phases</b> (package-private): {@code JobPlan} checks the paths, loads the scorer
 * class and plans the devices, touching nothing; {@code PreparedJob} claims the output folder,
 * checks a resume ({@code ResumeCheck}, {@code ContentChecks}), opens the logs and meters, starts
 * the workers and the input ({@code JobInput}) and waits for a worker's init; {@code
 * ScoringPhase} opens the ledger ({@code io.batchscore.core.schedule.ScheduleRun}), feeds it to
 * the workers or a remote compute, waits, and then takes the one way out every end shares: stop
 * the ledger with the end's status, stop the workers, write {@code job_error.txt}, {@code
 * job_result.txt}, the report and the metrics ({@code JobEnd}), close the outputs last. {@code
 * JobRun} strings the phases together and carries a cancel to whichever is running.
 *
 * <p>{@link io.batchscore.core.job.ChildJvmEnvironment} is the environment every child JVM the
 * runtime starts gets (native libraries that need it to start safely).
 */
package io.batchscore.core.job;
