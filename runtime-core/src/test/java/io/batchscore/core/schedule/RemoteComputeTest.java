package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose mini-batches a {@link RemoteCompute} scores: outcomes reported in any order, some
 * runs lost and retried, give the same predictions as the local workers, and an error threshold
 * passed remotely stops the job.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteComputeTest {

  /** The driver loads the scorer class to check it, and never runs it when a remote scores. */
  private static final io.batchscore.core.scorer.ScorerFactory FACTORY =
      io.batchscore.core.scorer.ScorerFactory.of(
          () -> {
            throw new AssertionError("a remote compute's job made a scorer in the driver");
          });

  /** Scores in shuffled batches on its own thread; loses each mini-batch's first run if asked. */
  private static final class ShufflingCompute implements RemoteCompute {
    private final boolean loseFirstRuns;
    private final String failing;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    ShufflingCompute(boolean loseFirstRuns, String failing) {
      this.loseFirstRuns = loseFirstRuns;
      this.failing = failing;
    }

    @Override
    public String describe() {
      return "test compute";
    }

    @Override
    public int workers() {
      return 3;
    }

    @Override
    public int window() {
      return 32;
    }

    @Override
    public void run(RemoteQueue queue) throws Exception {
      Random random = new Random(7);
      while (!queue.finished()) {
        List<MiniBatch> got = new ArrayList<>();
        for (MiniBatch b = queue.poll(); b != null; b = queue.poll()) {
          got.add(b);
        }
        if (got.isEmpty()) {
          queue.awaitChange(10);
          continue;
        }
        Collections.shuffle(got, random);
        for (MiniBatch b : got) {
          seen.add(b.index() + "@" + b.attempt());
          if (loseFirstRuns && b.attempt() == 1) {
            queue.lost(b, "executor lost");
            continue;
          }
          List<String> rows = new ArrayList<>();
          List<ItemFailure> failures = new ArrayList<>();
          for (int i = 0; i < b.size(); i++) {
            String name = b.files().get(i).getFileName().toString();
            if (name.equals(failing)) {
              failures.add(new ItemFailure(b.index(), b.itemName(i), "bad item"));
            } else {
              rows.add(name + ": ok");
            }
          }
          queue.completed(
              b,
              rows,
              b.size() - failures.size(),
              failures,
              2,
              "executor1/process000",
              "cpu",
              1_000_000);
        }
      }
    }
  }

  @Test
  void outcomesInAnyOrderAndLostRunsGiveTheLocalPredictions(@TempDir Path tmp) throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 437);
    var d = TestJobs.deployment(tmp, 2, 10, 3, Duration.ofSeconds(5), -1, true, Map.of());
    TestJobs.run(
        d,
        tmp.resolve("in"),
        tmp.resolve("local"),
        () -> TestJobs.scorer(b -> b.files().stream().map(p -> p.getFileName() + ": ok").toList()));
    ShufflingCompute remote = new ShufflingCompute(true, "");
    JobResult r =
        ScoringJob.builder(d, tmp.resolve("in"), tmp.resolve("remote"))
            .remote(remote)
            .scorerFactory(FACTORY)
            .build()
            .run();

    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(TestJobs.lines(tmp.resolve("remote/predictions.csv")))
        .isEqualTo(TestJobs.lines(tmp.resolve("local/predictions.csv")))
        .hasSize(437);
    assertThat(remote.seen).contains("0@1", "0@2", "43@1", "43@2").hasSize(88);
    List<String> report =
        TestJobs.lines(tmp.resolve("remote/logs/sys/job_report/processed_mini-batches.csv"));
    assertThat(report).hasSize(45);
    // a lost run and the remote worker's two runs: 3 attempts, the remote worker named
    assertThat(report.get(1)).isEqualTo("0,10,3,succeeded,executor1/process000,cpu,1,0");
    assertThat(String.join("\n", TestJobs.lines(tmp.resolve("remote/logs/sys/job.log"))))
        .contains("mini-batches scored on test compute")
        .contains("was lost: executor lost");
  }

  @Test
  void itemsFailedRemotelyCountAgainstTheErrorThreshold(@TempDir Path tmp) throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 300);
    var d = TestJobs.deployment(tmp, 2, 10, 3, Duration.ofSeconds(5), 0, true, Map.of());
    JobResult r =
        ScoringJob.builder(d, tmp.resolve("in"), tmp.resolve("out"))
            .remote(new ShufflingCompute(false, "item-00005.txt"))
            .scorerFactory(FACTORY)
            .build()
            .run();

    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.reason()).contains("error_threshold 0 exceeded");
    assertThat(TestJobs.lines(tmp.resolve("out/logs/sys/job_report/failed_items.csv")))
        .anyMatch(l -> l.contains("item-00005.txt") && l.contains("bad item"));
  }
}
