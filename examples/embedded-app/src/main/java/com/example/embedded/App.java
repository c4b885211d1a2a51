package com.example.embedded;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one batch-scoring job in this JVM: prints its progress, cancels it on Ctrl-C (the
 * mini-batches in flight are committed; the job can be resumed), and reports the result.
 *
 * <pre>
 * java -cp target/embedded-app.jar:$(cat target/classpath.txt) com.example.embedded.App \
 *   DEPLOYMENT INPUT OUTPUT
 * </pre>
 */
public final class App {

  private App() {}

  public static void main(String[] args) throws Exception {
    Deployment deployment = DeploymentLoader.load(Path.of(args[0]), List.of("mini_batch_size=20"));
    ScoringJob job = ScoringJob.builder(deployment, Path.of(args[1]), Path.of(args[2]))
        .listener(p -> System.out.println("progress: " + p.line()))
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> { // Ctrl-C: commit what is in flight
      job.cancel("interrupted");
      try {
        job.awaitEnd(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    JobResult result = job.start().awaitEnd();
    System.out.println(result.status() + ": " + result.itemsSucceeded() + " items succeeded, "
        + result.itemsFailed() + " failed, predictions in " + result.predictions().orElse(null));
    System.exit(result.exitCode());
  }
}
