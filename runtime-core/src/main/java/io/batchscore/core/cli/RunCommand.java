package io.batchscore.core.cli;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.schedule.BatchJob;
import io.batchscore.core.schedule.JobResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code batchscore run}: runs one job and waits for its end. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Scores every file under --input with the deployment's scorer and writes"
        + " predictions and logs under --output.",
    footer = {"", "Exit status: 0 Completed, 1 Failed or Canceled, 2 the job could not start."})
final class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--deployment", required = true, paramLabel = "FILE",
      description = "The batch deployment YAML (managed endpoint schema).")
  Path deployment;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "A file, or a folder scored recursively in name order.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "The output folder: predictions file and logs/.")
  Path output;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a deployment key, e.g. --set mini_batch_size=50"
          + " --set retry_settings.timeout=5. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--resume",
      description = "Finish an interrupted job in the same --output without re-scoring what it"
          + " committed.")
  boolean resume;

  @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "5",
      description = "How often progress is reported (default ${DEFAULT-VALUE}).")
  double progressSeconds;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      converter = ProgressModeConverter.class,
      description = "How progress shows on stderr: auto (a bar with items/s and ETA when stderr is"
          + " a terminal, plain lines otherwise), bar, plain or none (default ${DEFAULT-VALUE})."
          + " logs/job_progress_overview.*.txt gets plain lines whatever the mode.")
  ProgressMode progress;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics while the job"
          + " runs; 0 picks a free port (printed on stderr).")
  Integer metricsPort;

  /** Reads {@code --progress} in any case, naming the modes when the value is none of them. */
  static final class ProgressModeConverter implements ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      try {
        return ProgressMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Deployment d = DeploymentLoader.load(deployment, overrides);
    BatchJob job = BatchJob.builder(d, input, output)
        .resume(resume)
        .console(System.err)
        .progressEvery(Math.max(100, (long) (progressSeconds * 1000)))
        .progress(progress)
        .metricsPort(metricsPort == null ? -1 : metricsPort)
        .build();
    // SIGINT/SIGTERM: stop taking mini-batches, let the running ones finish (bounded by the
    // timeout), write Canceled; the JVM then exits with the signal's status (130/143).
    Duration grace = d.retry().timeout().plusSeconds(10);
    Thread onSignal = new Thread(() -> {
      job.cancel("canceled by a signal (SIGINT/SIGTERM); finish it with --resume");
      try {
        job.awaitEnd(grace);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "batchscore-cancel");
    Runtime.getRuntime().addShutdownHook(onSignal);
    JobResult r;
    try {
      r = job.run();
    } catch (java.io.IOException e) {
      spec.commandLine().getErr().println("batchscore: cannot write the output folder " + output
          + ": " + e.getMessage());
      return ExitCodes.FAILED;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException shuttingDown) {
      // the signal's hook is running: it returns once this job has ended
    }
    out.printf(Locale.ROOT, "%s: %d items, %d succeeded, %d failed, in %.1f s%n", r.status(),
        r.itemsSucceeded() + r.itemsFailed(), r.itemsSucceeded(), r.itemsFailed(),
        r.duration().toNanos() / 1e9);
    if (!r.reason().isEmpty()) {
      out.println("reason: " + r.reason());
    }
    if (r.predictions() != null) {
      out.println("predictions: " + r.predictions());
    }
    out.println("logs: " + r.outputDir().resolve("logs"));
    if (java.nio.file.Files.exists(r.outputDir().resolve("logs/report.html"))) {
      out.println("report: " + r.outputDir().resolve("logs/report.html"));
    }
    out.flush();
    return r.exitCode();
  }
}
