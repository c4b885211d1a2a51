package io.batchscore.examples.embedded;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A user's application in miniature, started in a child JVM by {@link LongCommandLineTest}: runs
 * one job through the embedding API and exits with the job's exit status.
 *
 * <p>Arguments: deployment file, input, output, then {@code KEY=VALUE} overrides.
 */
public final class EmbeddedJobMain {

  private EmbeddedJobMain() {}

  /**
   * @param args deployment, input, output, overrides...
   * @throws Exception when the job cannot run
   */
  public static void main(String[] args) throws Exception {
    List<String> overrides = Arrays.asList(args).subList(3, args.length);
    Deployment d = DeploymentLoader.load(Path.of(args[0]), overrides);
    JobResult r = ScoringJob.builder(d, Path.of(args[1]), Path.of(args[2])).build().run();
    System.out.println(
        "job "
            + r.status()
            + ": "
            + r.itemsSucceeded()
            + " succeeded, "
            + r.itemsFailed()
            + " failed");
    System.exit(r.exitCode());
  }
}
