package io.batchscore.core.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment file after parsing, defaults and {@code --set} overrides: everything a job needs to
 * know about how to score. Paths are absolute (relative ones resolve against the deployment
 * file's folder, as the cloud CLI does).
 *
 * @param source the deployment file this came from (for messages)
 * @param name the deployment's {@code name}, or the file's base name
 * @param modelPath {@code model.path} (or {@code model: PATH})
 * @param code {@code code_configuration.code}: a jar, a classes folder or a folder of jars; empty
 *     when the scorer is on the launcher's class path
 * @param scorerClass {@code code_configuration.scoring_script}: the scorer's class name, or a
 *     Python script's file name relative to {@code code}
 * @param instanceCount {@code resources.instance_count}
 * @param maxConcurrencyPerInstance {@code max_concurrency_per_instance}
 * @param miniBatchSize {@code mini_batch_size}: a count of files, or a size in bytes for tabular
 * @param retry {@code retry_settings}
 * @param errorThreshold {@code error_threshold}; -1 for no limit
 * @param outputAction {@code output_action}
 * @param outputFileName {@code output_file_name}
 * @param loggingLevel {@code logging_level}
 * @param environmentVariables {@code environment_variables}
 * @param devices {@code devices} (ours): where workers go
 * @param intraOpThreads {@code intra_op_threads} (ours): threads per worker, 0 = planned
 * @param isolateFailures {@code isolate_failed_items} (ours): split failed mini-batches
 * @param prefetch {@code prefetch} (ours): prepare the next mini-batch while one runs, for
 *     scorers that implement {@code PreparingScorer}
 * @param ignoredKeys accepted keys that mean nothing locally, logged once as ignored
 * @param environment {@code environment.python} and {@code environment.conda_file}, read for
 *     Python scoring scripts
 */
public record Deployment(
    Path source,
    String name,
    Path modelPath,
    Optional<Path> code,
    String scorerClass,
    int instanceCount,
    int maxConcurrencyPerInstance,
    MiniBatchSize miniBatchSize,
    RetrySettings retry,
    long errorThreshold,
    OutputAction outputAction,
    String outputFileName,
    String loggingLevel,
    Map<String, String> environmentVariables,
    DeviceSelection devices,
    int intraOpThreads,
    boolean isolateFailures,
    boolean prefetch,
    List<String> ignoredKeys,
    ScriptEnvironment environment) {

  /** A deployment without an {@code environment} for Python scripts. */
  public Deployment(Path source, String name, Path modelPath, Optional<Path> code,
      String scorerClass, int instanceCount, int maxConcurrencyPerInstance,
      MiniBatchSize miniBatchSize, RetrySettings retry, long errorThreshold,
      OutputAction outputAction, String outputFileName, String loggingLevel,
      Map<String, String> environmentVariables, DeviceSelection devices, int intraOpThreads,
      boolean isolateFailures, boolean prefetch, List<String> ignoredKeys) {
    this(source, name, modelPath, code, scorerClass, instanceCount, maxConcurrencyPerInstance,
        miniBatchSize, retry, errorThreshold, outputAction, outputFileName, loggingLevel,
        environmentVariables, devices, intraOpThreads, isolateFailures, prefetch, ignoredKeys,
        ScriptEnvironment.NONE);
  }

  /** @return true when {@code code_configuration.scoring_script} names a Python script */
  public boolean isPythonScript() {
    return scorerClass.toLowerCase(java.util.Locale.ROOT).endsWith(".py");
  }

  /** @return instances × workers per instance */
  public int workerCount() {
    return instanceCount * maxConcurrencyPerInstance;
  }
}
