package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.cli.BatchScoreCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Jobs run in this JVM ({@code batchscore run}), and checks on output folders. */
final class Runs {

  /** The settings of an in-process {@code local[2]} run: Spark in this JVM, no web UI. */
  static final List<String> LOCAL2 = List.of("compute=spark:local[2]", "spark.ui.enabled=false");

  private Runs() {}

  /**
   * Runs a job in this JVM and checks it Completed (exit 0).
   *
   * @param sets {@code --set} values, {@code KEY=VALUE}
   */
  static void complete(Path deployment, Path input, Path out, List<String> sets) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--deployment",
                deployment.toString(),
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--progress",
                "none"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    assertThat(BatchScoreCommand.execute(args.toArray(String[]::new)))
        .as("exit status of batchscore %s", args)
        .isZero();
  }

  /** @return {@code a} then {@code b} */
  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static void assertSamePredictions(Path out, Path local) throws IOException {
    assertThat(Files.mismatch(out.resolve("predictions.csv"), local.resolve("predictions.csv")))
        .as("first differing byte of %s and the local run's", out.resolve("predictions.csv"))
        .isEqualTo(-1L);
  }

  /** @return job_result.txt without the lines that differ between runs (times, paths) */
  static List<String> counts(Path out) throws IOException {
    return Files.readAllLines(out.resolve("logs/job_result.txt")).stream()
        .filter(l -> !l.matches("(started|duration_s|predictions): .*"))
        .toList();
  }

  /** @return the lines of {@code processed_mini-batches.csv}, its header first */
  static List<String> report(Path out) throws IOException {
    return Files.readAllLines(out.resolve("logs/sys/job_report/processed_mini-batches.csv"));
  }
}
