package io.batchscore.service.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * {@code batch-endpoint invoke}: which endpoint, which input, and the per-job overrides the cloud
 * allows.
 *
 * @param endpointName the endpoint
 * @param deploymentName a deployment of it other than the default, or {@code null}
 * @param input a local path, {@code azureml:NAME:VERSION}, {@code azureml:NAME@latest} (data
 *     assets) or {@code azureml://datastores/workspaceblobstore/paths/P}
 * @param inputType {@code uri_folder}, {@code uri_file}, or {@code null} to take it from the path
 *     or the data asset
 * @param miniBatchSize {@code --mini-batch-size}, or {@code null}
 * @param instanceCount {@code --instance-count}, or {@code null}
 * @param outputPath where the job's outputs go instead of the default datastore folder (a local
 *     folder or an {@code azureml://datastores/workspaceblobstore/paths/P} address), or {@code
 *     null}
 * @param settings {@code --set KEY=VALUE} for the deployment's settings keys ({@code
 *     retry_settings.timeout}, {@code environment_variables.NAME}, ...)
 * @param baseDir the folder a relative local input or output path resolves against, or {@code
 *     null} to refuse relative paths
 * @param outputFile a UriFile output: the absolute path of the predictions file itself, which
 *     must not exist; the job then writes into its own default folder (logs included) and its
 *     predictions file is published there, never half-written, when it completes; or {@code
 *     null}
 */
public record InvokeRequest(
    String endpointName,
    String deploymentName,
    String input,
    String inputType,
    Integer miniBatchSize,
    Integer instanceCount,
    String outputPath,
    Map<String, String> settings,
    Path baseDir,
    String outputFile) {

  /**
   * An invocation without a UriFile output.
   *
   * @param endpointName the endpoint
   * @param deploymentName a deployment, or null for the default
   * @param input the input
   * @param inputType its type, or null
   * @param miniBatchSize or null
   * @param instanceCount or null
   * @param outputPath the output folder, or null
   * @param settings settings overrides
   * @param baseDir where relative paths resolve, or null
   */
  public InvokeRequest(
      String endpointName,
      String deploymentName,
      String input,
      String inputType,
      Integer miniBatchSize,
      Integer instanceCount,
      String outputPath,
      Map<String, String> settings,
      Path baseDir) {
    this(
        endpointName,
        deploymentName,
        input,
        inputType,
        miniBatchSize,
        instanceCount,
        outputPath,
        settings,
        baseDir,
        null);
  }

  /** Checks the endpoint and the input are given; copies the settings. */
  public InvokeRequest {
    Objects.requireNonNull(endpointName, "endpointName");
    Objects.requireNonNull(input, "input");
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
