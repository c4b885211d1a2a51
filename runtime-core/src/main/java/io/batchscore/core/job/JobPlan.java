package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.OutputAction;
import io.batchscore.core.device.DevicePlanner;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.output.OutputFolder;
import io.batchscore.core.python.PythonScripts;
import io.batchscore.core.resume.JobFingerprint;
import io.batchscore.core.scorer.ScorerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a job will do, decided before anything is touched: its paths checked, its scorer class
 * loaded, its devices planned, its fingerprint taken. The first phase of a job.
 *
 * @param scorers makes the workers' scorers
 * @param devices the workers' slots (none for a remote compute) and the plan's note
 * @param predictionsFile the predictions file, or null for {@code summary_only}
 * @param fingerprint the job's settings, for {@code job_state.json} and a resume's check
 */
record JobPlan(
    ScorerFactory scorers,
    DevicePlanner.Plan devices,
    Path predictionsFile,
    Map<String, String> fingerprint) {

  /**
   * @throws DeploymentException naming what a user got wrong: input, output, model, scorer class,
   *     devices
   */
  static JobPlan of(JobOptions o, JobLayout layout) {
    Deployment d = o.deployment();
    checkPaths(d, o.input(), layout.outputDir());
    ScorerFactory scorers =
        o.factory() != null
            ? o.factory()
            : d.isPythonScript()
                ? PythonScripts.factory(d, System.err)
                : ScorerFactory.load(d.code(), d.scorerClass(), JobPlan.class.getClassLoader());
    DevicePlanner.Plan devices =
        o.remote() != null
            ? new DevicePlanner.Plan(List.of(), List.of(), o.remote().describe())
            : DevicePlanner.plan(
                d.devices(),
                DevicePlanner.discover(scorers.classLoader()),
                d.instanceCount(),
                d.maxConcurrencyPerInstance(),
                d.intraOpThreads(),
                o.cores());
    Path predictions =
        d.outputAction() == OutputAction.APPEND_ROW ? layout.predictions(d.outputFileName()) : null;
    return new JobPlan(scorers, devices, predictions, JobFingerprint.of(d, o.input()));
  }

  private static void checkPaths(Deployment d, Path input, Path outputDir) {
    if (!Files.exists(input)) {
      throw new DeploymentException("--input " + input + " does not exist");
    }
    if (Files.isDirectory(input) && OutputFolder.isInside(outputDir, input)) {
      throw new DeploymentException(
          "--output "
              + outputDir
              + " is inside --input "
              + input
              + ": the job would score its own predictions and logs; choose an output folder outside"
              + " the input");
    }
    if (!Files.exists(d.modelPath())) {
      throw new DeploymentException(
          d.source().getFileName() + ": model.path " + d.modelPath() + " does not exist");
    }
  }
}
