package io.batchscore.spark.executor;

import java.io.Serializable;
import java.util.Map;

/**
 * What an executor needs of the deployment, shipped with every task (a deployment holds
 * {@link java.nio.file.Path}s, which Java serialization does not carry).
 *
 * @param jobKey identifies the job in an executor JVM: its scorers are kept under this key
 * @param scorerClass {@code code_configuration.scoring_script}
 * @param code where the scorer's code is on the executor: a path, or a name fetched with
 *     {@code SparkContext.addFile} when {@code shipped}; empty for the class path
 * @param model {@code model.path} on the executor, or its name when {@code shipped}
 * @param shipped whether code and model were shipped as Spark files
 * @param shipInputs whether input files travel with the tasks ({@link StagedInput}) rather than
 *     being read by executors at the driver's paths
 * @param maxRetries {@code retry_settings.max_retries}
 * @param timeoutMillis {@code retry_settings.timeout}
 * @param isolate {@code isolate_failed_items}
 * @param keepRows false for {@code summary_only}
 * @param loggingLevel {@code logging_level}
 * @param environment {@code environment_variables}
 * @param intraOpThreads engine threads per worker
 * @param outputDir the job's output folder (as the driver names it)
 */
public record ExecutorSpec(
    String jobKey,
    String scorerClass,
    String code,
    String model,
    boolean shipped,
    boolean shipInputs,
    int maxRetries,
    long timeoutMillis,
    boolean isolate,
    boolean keepRows,
    String loggingLevel,
    Map<String, String> environment,
    int intraOpThreads,
    String outputDir)
    implements Serializable {

  /**
   * @param dir the job's output folder
   * @return this spec with it
   */
  public ExecutorSpec withOutputDir(String dir) {
    return new ExecutorSpec(
        jobKey,
        scorerClass,
        code,
        model,
        shipped,
        shipInputs,
        maxRetries,
        timeoutMillis,
        isolate,
        keepRows,
        loggingLevel,
        environment,
        intraOpThreads,
        dir);
  }
}
