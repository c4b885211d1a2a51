package com.example.embedded;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one batch-scoring job in this JVM: prints its progress, cancels it on Ctrl-C (or after
 * {@code --cancel-after N} items), and reports the result.
 *
 * <pre>
 * java -cp target/embedded-app.jar:$(cat target/classpath.txt) com.example.embedded.App \
 *   DEPLOYMENT INPUT OUTPUT [--cancel-after N]
 * </pre>
 */
public final class App {

  private App() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 && args.length != 5) {
      System.err.println("usage: App DEPLOYMENT INPUT OUTPUT [--cancel-after N]");
      System.exit(2);
    }
    long cancelAfter = args.length == 5 ? Long.parseLong(args[4]) : Long.MAX_VALUE;

    Deployment deployment;
    try {
      deployment = DeploymentLoader.load(Path.of(args[0]), List.of("mini_batch_size=20"));
    } catch (DeploymentException e) {
      System.err.println(e.getMessage()); // one line naming the file and key
      System.exit(2);
      return;
    }
    ScoringJob[] self = new ScoringJob[1];
    ScoringJob job = ScoringJob.builder(deployment, Path.of(args[1]), Path.of(args[2]))
        .listener(p -> {
          System.out.println("progress: " + p.line());
          if (p.itemsDone() >= cancelAfter) {
            self[0].cancel("canceled after " + p.itemsDone() + " items");
          }
        })
        .build();
    self[0] = job;

    // Ctrl-C: let the mini-batches in flight finish and commit, then exit
    Thread hook = new Thread(() -> {
      job.cancel("interrupted");
      try {
        job.awaitEnd(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(hook);

    JobResult result = job.start().awaitEnd();
    Runtime.getRuntime().removeShutdownHook(hook);
    System.out.printf("%s: %d items succeeded, %d failed, %d mini-batches in %d ms%s%n",
        result.status(), result.itemsSucceeded(), result.itemsFailed(), result.miniBatches(),
        result.duration().toMillis(), result.reason().isEmpty() ? "" : " (" + result.reason() + ")");
    result.predictions().ifPresent(p -> System.out.println("predictions: " + p));
    System.exit(result.exitCode());
  }
}
