package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.output.OutputFolder;
import io.batchscore.core.schedule.RemoteCompute;
import io.batchscore.core.scorer.ScorerFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A job's options, checked when the job is built, before anything starts.
 *
 * @param deployment the deployment
 * @param input the file or folder to score, absolute
 * @param output the output folder
 * @param factory makes the scorers; null: from the deployment's code and class
 * @param console where progress lines go; null for none
 * @param progressMillis how often progress is written, positive
 * @param progressMode how progress shows on the console
 * @param metricsPort the metrics port; 0 any free one; -1 none
 * @param cores cores to plan engine threads for, positive
 * @param resume finish the folder's interrupted job
 * @param overwrite replace the folder's job
 * @param force resume even when the code or model changed
 * @param remote where mini-batches run instead of local workers; null: here
 * @param listener takes progress samples; null for none
 * @param workerFault a test seam run on a worker after each run; null for none
 */
record JobOptions(
    Deployment deployment,
    Path input,
    Path output,
    ScorerFactory factory,
    PrintStream console,
    long progressMillis,
    ProgressMode progressMode,
    int metricsPort,
    int cores,
    boolean resume,
    boolean overwrite,
    boolean force,
    RemoteCompute remote,
    ProgressListener listener,
    Runnable workerFault) {

  JobOptions {
    Objects.requireNonNull(deployment, "deployment");
    input = Objects.requireNonNull(input, "input").toAbsolutePath().normalize();
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(progressMode, "progressMode");
    if (progressMillis <= 0) {
      throw new IllegalArgumentException(
          "progress period " + progressMillis + " ms is not positive");
    }
    if (cores < 1) {
      throw new IllegalArgumentException("cores " + cores + " is not positive");
    }
    if (resume && overwrite) {
      throw new DeploymentException(
          "--resume and --overwrite exclude each other: --resume"
              + " finishes the folder's job, --overwrite replaces it");
    }
    if (force && !resume) {
      throw new DeploymentException("--force applies to --resume only");
    }
  }

  /** @return how the output folder is claimed */
  OutputFolder.Mode folderMode() {
    return resume
        ? OutputFolder.Mode.RESUME
        : overwrite ? OutputFolder.Mode.OVERWRITE : OutputFolder.Mode.NEW;
  }

  /** @return true when the job's mini-batches run on this JVM's workers */
  boolean local() {
    return remote == null;
  }
}
