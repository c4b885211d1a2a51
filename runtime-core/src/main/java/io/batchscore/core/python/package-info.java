/**
 * Python scoring scripts as the managed batch endpoint runs them: a {@code score.py} with {@code
 * init()} and {@code run(mini_batch)} runs unchanged in one Python process per worker, behind a
 * {@link io.batchscore.api.Scorer}, so retries, timeouts, bisection, ordered output and resume
 * apply to it as to a Java scorer.
 *
 * <p>{@link io.batchscore.core.python.PythonScripts} makes the job's scorer factory (interpreter,
 * script and conda checks at start); {@link io.batchscore.core.python.PythonScorer} is one
 * worker's scorer; {@code PythonProcess} starts and talks to the interpreter ({@code
 * DriverReplies} reads its frames, {@code StderrTail} its stderr) over the framing
 * that {@code Frames} and the driver shipped as the resource {@code batchscore_driver.py}
 * document.
 */
package io.batchscore.core.python;
