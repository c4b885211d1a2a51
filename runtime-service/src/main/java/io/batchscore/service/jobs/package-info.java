/**
 * Jobs: queuing an invocation ({@link io.batchscore.service.jobs.JobOperations}), the runner that
 * takes queued jobs in FIFO order up to the workspace's limit and runs each in its own driver
 * process ({@link io.batchscore.service.jobs.JobRunner}, {@link
 * io.batchscore.service.jobs.DriverLauncher}), and the lock that keeps one runner per workspace
 * ({@link io.batchscore.service.jobs.RunnerLock}).
 *
 * <p>Who runs jobs when: {@code batchscore serve} runs them in its own process for as long as it
 * serves; otherwise every local CLI command that finds waiting jobs and no live runner starts a
 * background runner process ({@code batchscore workspace runner}), which exits once the queue is
 * empty. A runner that dies leaves its drivers running: the next one adopts a live driver (same
 * pid and start instant as recorded) and waits for it, and restarts a dead one with {@code
 * --resume}.
 */
package io.batchscore.service.jobs;
