package io.batchscore.spark;

import io.batchscore.core.cli.BatchScoreCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code spark-submit} entry point:
 *
 * <pre>
 * spark-submit --class io.batchscore.spark.SparkBatchJob batchscore-spark.jar \
 *   --deployment D --input I --output O [--set K=V]... [--resume]
 * </pre>
 *
 * <p>The same options as {@code batchscore run}; the job runs on the master and settings that
 * {@code spark-submit} gave ({@code compute: spark}), whatever the deployment's {@code compute}
 * says. Exits with the launcher's status.
 */
public final class SparkBatchJob {

  private SparkBatchJob() {}

  /**
   * @param args {@code batchscore run}'s options
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * @param args {@code batchscore run}'s options
   * @return the exit status
   */
  public static int execute(String... args) {
    List<String> all = new ArrayList<>();
    all.add("run");
    all.addAll(List.of(args));
    all.add("--set");
    all.add("compute=spark");
    return BatchScoreCommand.execute(all.toArray(String[]::new));
  }
}
