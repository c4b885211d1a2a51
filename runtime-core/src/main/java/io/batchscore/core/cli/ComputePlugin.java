package io.batchscore.core.cli;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.schedule.RemoteCompute;
import java.util.List;

/**
 * Runs {@code batchscore run} jobs on a compute other than this JVM, chosen by the deployment's
 * {@code compute} key or {@code --set compute=...} ({@code spark:local[4]}, {@code
 * spark:spark://host:7077}); found with {@link java.util.ServiceLoader} on the launcher's class
 * path, so the core needs nothing of that compute. The job itself (listing, ordering, commits,
 * logs, report) stays in the launcher's JVM; the plugin's {@link RemoteCompute} scores its
 * mini-batches.
 */
public interface ComputePlugin {

  /**
   * @param compute the deployment's compute, such as {@code spark:local[2]}
   * @return true when this plugin runs jobs there
   */
  boolean handles(String compute);

  /**
   * @param overrides every {@code --set KEY=VALUE}
   * @return those the deployment file reads (the plugin's own, such as {@code spark.*}, left out)
   */
  List<String> deploymentOverrides(List<String> overrides);

  /**
   * Connects to the compute (starts a Spark application, for example).
   *
   * @param compute the deployment's compute
   * @param deployment the deployment
   * @param overrides every {@code --set KEY=VALUE}, the plugin's own included
   * @return the compute; closed by the launcher after the job
   * @throws Exception when the compute cannot be reached; the job does not start (exit 2)
   */
  RemoteCompute open(String compute, Deployment deployment, List<String> overrides)
      throws Exception;
}
