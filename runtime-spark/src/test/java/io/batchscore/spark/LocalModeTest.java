package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.cli.BatchScoreCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set compute=spark:local[2]} in this JVM: the same output folder as a local job. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalModeTest {

  @BeforeAll
  static void scorer() {
    Examples.requireScorer();
  }

  @Test
  void fashionMnistOnLocal2GivesTheLocalRunsPredictionsByteForByte(@TempDir Path tmp)
      throws Exception {
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");
    assertThat(BatchScoreCommand.execute("run", "--deployment", Examples.FASHION.toString(),
        "--input", Examples.SAMPLE.toString(), "--output", local.toString(), "--progress", "none"))
        .isZero();
    assertThat(BatchScoreCommand.execute("run", "--deployment", Examples.FASHION.toString(),
        "--input", Examples.SAMPLE.toString(), "--output", spark.toString(), "--progress", "none",
        "--set", "compute=spark:local[2]", "--set", "spark.ui.enabled=false"))
        .isZero();
    assertThat(Files.readAllBytes(spark.resolve("predictions.csv")))
        .isEqualTo(Files.readAllBytes(local.resolve("predictions.csv")));
    assertThat(Files.readString(spark.resolve("logs/job_result.txt"))).startsWith("Completed")
        .contains("succeeded: 200");
    assertThat(Files.readString(spark.resolve("logs/sys/job.log")))
        .contains("spark application local-");
    assertThat(spark.resolve("logs/user/stdout/driver/process000.stdout.txt")).exists();
  }
}
