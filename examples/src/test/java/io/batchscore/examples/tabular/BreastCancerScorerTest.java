package io.batchscore.examples.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.scorer.ScorerFactory;
import io.batchscore.core.testing.ScorerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tabular example end to end: its deployment, sample request and model, in this JVM. */
class BreastCancerScorerTest {

  private static final Path EXAMPLE = Path.of("tabular");

  @TempDir Path tmp;

  @Test
  void scoresTheSampleLikeThePythonModelInInputOrderWithTheKeyColumn() throws Exception {
    Deployment d = DeploymentLoader.load(EXAMPLE.resolve("deployment.yml"));
    assertThat(d.miniBatchSize().isBytes()).isTrue();
    JobResult r =
        ScoringJob.builder(d, EXAMPLE.resolve("sample-request"), tmp)
            .scorerFactory(ScorerFactory.of(BreastCancerScorer::new))
            .build()
            .run();

    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsSucceeded()).isEqualTo(569);
    assertThat(r.miniBatches()).isGreaterThan(10);
    List<String> got = Files.readAllLines(tmp.resolve("predictions.csv"));
    List<String> python = Files.readAllLines(EXAMPLE.resolve("model/python-predictions.csv"));
    assertThat(got).hasSize(python.size() - 1);
    for (int i = 0; i < got.size(); i++) {
      String[] j = got.get(i).split(",");
      String[] p = python.get(i + 1).split(",");
      assertThat(j[0]).as("id of row %d", i).isEqualTo(p[0]).isEqualTo(String.valueOf(i + 1));
      assertThat(j[1]).as("label of id %s", j[0]).isEqualTo(p[1]);
      assertThat(Double.parseDouble(j[2]))
          .as("probability of id %s", j[0])
          .isCloseTo(Double.parseDouble(p[2]), org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void probabilitiesAreSpelledAsStringFormatSpellsThem() {
    java.util.Random random = new java.util.Random(11);
    List<Float> values =
        new ArrayList<>(
            List.of(0f, -0f, 1f, 0.5f, 0.1234565f, 0.0000005f, 0.0000004999f, 1e-7f, 0.9999995f));
    for (int i = 0; i < 200_000; i++) {
      values.add(random.nextFloat());
      values.add(Float.intBitsToFloat(random.nextInt(0x3f800000))); // every exponent in [0, 1)
    }
    for (float p : values) {
      assertThat(BreastCancerScorer.sixDecimals(p))
          .as("%s", p)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", p));
    }
  }

  @Test
  void theHarnessScoresAListOfRowsAsTheJobDoes() throws Exception {
    List<String> lines = Files.readAllLines(EXAMPLE.resolve("sample-request/rows.csv"));
    String[] header = lines.get(0).split(",");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, 6)) {
      String[] values = line.split(",");
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.length; c++) {
        row.put(header[c], values[c]);
      }
      rows.add(row);
    }
    rows.get(2).put("mean_radius", "not a number");

    // one row per mini-batch: the harness does not isolate failed items as a job does, and this
    // scorer fails its whole mini-batch on a value that is not a number
    ScorerHarness.Result r =
        ScorerHarness.of(new BreastCancerScorer())
            .modelDir(EXAMPLE.resolve("model"))
            .miniBatchBytes(1)
            .runRows(rows);

    List<String> python = Files.readAllLines(EXAMPLE.resolve("model/python-predictions.csv"));
    assertThat(r.rows())
        .extracting(row -> row.substring(0, row.lastIndexOf(',')))
        .containsExactly(
            python.get(1).substring(0, python.get(1).lastIndexOf(',')),
            python.get(2).substring(0, python.get(2).lastIndexOf(',')),
            python.get(4).substring(0, python.get(4).lastIndexOf(',')),
            python.get(5).substring(0, python.get(5).lastIndexOf(',')));
    assertThat(r.failedItems())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("mean_radius"));
  }
}
