package io.batchscore.core.deployment;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.MoreFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment file after parsing, defaults and {@code --set} overrides: everything a job needs to
 * know about how to score. Paths are absolute (relative ones resolve against the deployment
 * file's folder, as the cloud CLI does). {@link DeploymentLoader} reads one from a file; {@link
 * #builder(Path)} makes one in code, with the same defaults ({@link DeploymentKeys}).
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

  /**
   * @param source the deployment file the deployment stands for: messages name it, relative paths
   *     and a Python script's default code folder are its folder, and the name defaults to its base
   *     name
   * @return a builder holding every key's default; {@code model.path} and {@code
   *     code_configuration.scoring_script} must be set
   */
  public static Builder builder(Path source) {
    return new Builder(source);
  }

  /** @return a builder holding this deployment's values, to make one that differs in a few */
  public Builder toBuilder() {
    Builder b =
        new Builder(source)
            .name(name)
            .modelPath(modelPath)
            .scorerClass(scorerClass)
            .instanceCount(instanceCount)
            .maxConcurrencyPerInstance(maxConcurrencyPerInstance)
            .miniBatchSize(miniBatchSize)
            .maxRetries(retry.maxRetries())
            .timeout(retry.timeout())
            .errorThreshold(errorThreshold)
            .outputAction(outputAction)
            .outputFileName(outputFileName)
            .loggingLevel(loggingLevel)
            .environmentVariables(environmentVariables)
            .devices(devices)
            .intraOpThreads(intraOpThreads)
            .isolateFailures(isolateFailures)
            .prefetch(prefetch)
            .ignoredKeys(ignoredKeys);
    b.code = code;
    b.python = environment.python();
    b.condaFile = environment.condaFile();
    return b;
  }

  /** @return true when {@code code_configuration.scoring_script} names a Python script */
  public boolean isPythonScript() {
    return scorerClass.toLowerCase(java.util.Locale.ROOT).endsWith(".py");
  }

  /** @return instances × workers per instance */
  public int workerCount() {
    return instanceCount * maxConcurrencyPerInstance;
  }

  /**
   * Builds a {@link Deployment} in code. Values are taken as given: the loader checks what a
   * user writes, code is trusted as for any record.
   */
  public static final class Builder {
    private final Path source;
    private String name;
    private Path modelPath;
    private Optional<Path> code = Optional.empty();
    private String scorerClass;
    private int instanceCount;
    private int maxConcurrencyPerInstance;
    private MiniBatchSize miniBatchSize;
    private int maxRetries;
    private Duration timeout;
    private long errorThreshold;
    private OutputAction outputAction;
    private String outputFileName;
    private String loggingLevel;
    private Map<String, String> environmentVariables;
    private DeviceSelection devices;
    private int intraOpThreads;
    private boolean isolateFailures;
    private boolean prefetch;
    private List<String> ignoredKeys = List.of();
    private Optional<String> python = Optional.empty();
    private Optional<Path> condaFile = Optional.empty();

    private Builder(Path source) {
      this.source = checkNotNull(source, "source");
      this.name = MoreFiles.getNameWithoutExtension(source);
      for (DeploymentKey<?> key : DeploymentKeys.ALL) {
        key.applyDefault(this);
      }
    }

    /** @see Deployment#name() */
    public Builder name(String name) {
      this.name = checkNotNull(name, "name");
      return this;
    }

    /** @see Deployment#modelPath() */
    public Builder modelPath(Path modelPath) {
      this.modelPath = checkNotNull(modelPath, "modelPath");
      return this;
    }

    /** @see Deployment#code() */
    public Builder code(Path code) {
      this.code = Optional.of(code);
      return this;
    }

    /** @see Deployment#scorerClass() */
    public Builder scorerClass(String scorerClass) {
      this.scorerClass = checkNotNull(scorerClass, "scorerClass");
      return this;
    }

    /** @see Deployment#instanceCount() */
    public Builder instanceCount(int instanceCount) {
      this.instanceCount = instanceCount;
      return this;
    }

    /** @see Deployment#maxConcurrencyPerInstance() */
    public Builder maxConcurrencyPerInstance(int maxConcurrencyPerInstance) {
      this.maxConcurrencyPerInstance = maxConcurrencyPerInstance;
      return this;
    }

    /** @see Deployment#miniBatchSize() */
    public Builder miniBatchSize(MiniBatchSize miniBatchSize) {
      this.miniBatchSize = checkNotNull(miniBatchSize, "miniBatchSize");
      return this;
    }

    /** {@code retry_settings.max_retries}: attempts of a mini-batch. */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** {@code retry_settings.timeout}: how long one {@code run} may take. */
    public Builder timeout(Duration timeout) {
      this.timeout = checkNotNull(timeout, "timeout");
      return this;
    }

    /** @see Deployment#errorThreshold() */
    public Builder errorThreshold(long errorThreshold) {
      this.errorThreshold = errorThreshold;
      return this;
    }

    /** @see Deployment#outputAction() */
    public Builder outputAction(OutputAction outputAction) {
      this.outputAction = checkNotNull(outputAction, "outputAction");
      return this;
    }

    /** @see Deployment#outputFileName() */
    public Builder outputFileName(String outputFileName) {
      this.outputFileName = checkNotNull(outputFileName, "outputFileName");
      return this;
    }

    /** @see Deployment#loggingLevel() */
    public Builder loggingLevel(String loggingLevel) {
      this.loggingLevel = checkNotNull(loggingLevel, "loggingLevel");
      return this;
    }

    /** @see Deployment#environmentVariables() */
    public Builder environmentVariables(Map<String, String> environmentVariables) {
      this.environmentVariables = ImmutableMap.copyOf(environmentVariables);
      return this;
    }

    /** @see Deployment#devices() */
    public Builder devices(DeviceSelection devices) {
      this.devices = checkNotNull(devices, "devices");
      return this;
    }

    /** @see Deployment#intraOpThreads() */
    public Builder intraOpThreads(int intraOpThreads) {
      this.intraOpThreads = intraOpThreads;
      return this;
    }

    /** @see Deployment#isolateFailures() */
    public Builder isolateFailures(boolean isolateFailures) {
      this.isolateFailures = isolateFailures;
      return this;
    }

    /** @see Deployment#prefetch() */
    public Builder prefetch(boolean prefetch) {
      this.prefetch = prefetch;
      return this;
    }

    /** @see Deployment#ignoredKeys() */
    public Builder ignoredKeys(List<String> ignoredKeys) {
      this.ignoredKeys = List.copyOf(ignoredKeys);
      return this;
    }

    /** {@code environment.python}: a Python script's interpreter. */
    public Builder python(String python) {
      this.python = Optional.of(python);
      return this;
    }

    /** {@code environment.conda_file}: checked against a Python script's interpreter. */
    public Builder condaFile(Path condaFile) {
      this.condaFile = Optional.of(condaFile);
      return this;
    }

    /**
     * @return the deployment
     * @throws IllegalStateException when the model path or the scorer is not set
     */
    public Deployment build() {
      checkState(modelPath != null, "modelPath is not set");
      checkState(scorerClass != null, "scorerClass is not set");
      return new Deployment(
          source,
          name,
          modelPath,
          code,
          scorerClass,
          instanceCount,
          maxConcurrencyPerInstance,
          miniBatchSize,
          new RetrySettings(maxRetries, timeout),
          errorThreshold,
          outputAction,
          outputFileName,
          loggingLevel,
          environmentVariables,
          devices,
          intraOpThreads,
          isolateFailures,
          prefetch,
          ignoredKeys,
          new ScriptEnvironment(python, condaFile));
    }
  }
}
