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
 */
public record InvokeRequest(String endpointName, String deploymentName, String input,
    String inputType, Integer miniBatchSize, Integer instanceCount, String outputPath,
    Map<String, String> settings, Path baseDir) {

  /** Checks the endpoint and the input are given; copies the settings. */
  public InvokeRequest {
    Objects.requireNonNull(endpointName, "endpointName");
    Objects.requireNonNull(input, "input");
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
