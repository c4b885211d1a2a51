package io.batchscore.core.cli;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentKeys;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.schedule.RemoteCompute;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code batchscore run}: runs one job and waits for its end. Described with picocli's
 * programmatic model, for the start-up reason {@link BatchScoreCommand} gives.
 */
final class RunCommand implements Callable<Integer> {

  private final CommandSpec spec;

  private RunCommand() {
    spec =
        CommandSpec.wrapWithoutInspection(this).name("run").versionProvider(new VersionProvider());
    spec.usageMessage()
        .description(
            "Scores every file under --input with the deployment's scorer and writes"
                + " predictions and logs under --output.")
        .footer("", ExitCodes.HELP);
    spec.addOption(
        OptionSpec.builder("--deployment")
            .paramLabel("FILE")
            .type(Path.class)
            .required(true)
            .description("The batch deployment YAML (managed endpoint schema).")
            .build());
    spec.addOption(
        OptionSpec.builder("--input")
            .paramLabel("PATH")
            .type(Path.class)
            .required(true)
            .description("A file, or a folder scored recursively in name order.")
            .build());
    spec.addOption(
        OptionSpec.builder("--output")
            .paramLabel("DIR")
            .type(Path.class)
            .required(true)
            .description("The output folder: predictions file and logs/.")
            .build());
    spec.addOption(
        OptionSpec.builder("--set")
            .paramLabel("KEY=VALUE")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .description(
                "Override a deployment key, e.g. --set mini_batch_size=50"
                    + " --set retry_settings.timeout=5. Repeatable. Keys: "
                    + String.join(", ", DeploymentKeys.names())
                    + ".")
            .build());
    spec.addOption(
        OptionSpec.builder("--resume")
            .type(boolean.class)
            .initialValue(false)
            .description(
                "Finish an interrupted job in the same --output without re-scoring what it"
                    + " committed.")
            .build());
    spec.addOption(
        OptionSpec.builder("--overwrite")
            .type(boolean.class)
            .initialValue(false)
            .description(
                "Replace the job that --output holds (finished or not). Without it, a"
                    + " folder holding an earlier job is refused.")
            .build());
    spec.addOption(
        OptionSpec.builder("--force")
            .type(boolean.class)
            .initialValue(false)
            .description(
                "With --resume: resume even when the scorer code or the model changed"
                    + " since the job began (its rows then come from two versions).")
            .build());
    spec.addOption(
        OptionSpec.builder("--progress-seconds")
            .paramLabel("S")
            .type(double.class)
            .defaultValue("5")
            .description("How often progress is reported (default ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        OptionSpec.builder("--progress")
            .paramLabel("MODE")
            .type(ProgressMode.class)
            .defaultValue("auto")
            .converters(new ProgressModeConverter())
            .description(
                "How progress shows on stderr: auto (a bar with items/s and ETA when stderr"
                    + " is a terminal, plain lines otherwise), bar, plain or none (default"
                    + " ${DEFAULT-VALUE}). logs/job_progress_overview.*.txt gets plain lines whatever"
                    + " the mode.")
            .build());
    spec.addOption(
        OptionSpec.builder("--metrics-port")
            .paramLabel("PORT")
            .type(Integer.class)
            .description(
                "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics while the job"
                    + " runs; 0 picks a free port (printed on stderr).")
            .build());
    BatchScoreCommand.addStandardHelpOptions(spec);
  }

  /** @return the {@code run} command, described for picocli */
  static CommandSpec spec() {
    return new RunCommand().spec;
  }

  private <T> T option(String name) {
    return spec.findOption(name).getValue();
  }

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
    Path deployment = option("--deployment");
    Path input = option("--input");
    Path output = option("--output");
    List<String> overrides = option("--set");
    boolean resume = option("--resume");
    double progressSeconds = option("--progress-seconds");
    ProgressMode progress = option("--progress");
    Integer metricsPort = option("--metrics-port");
    boolean overwrite = option("--overwrite");
    boolean force = option("--force");
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw new ParameterException(
          spec.commandLine(),
          "--metrics-port " + metricsPort + ": not a TCP port (0 to 65535; 0 picks a free one)");
    }
    if (!(progressSeconds > 0) || Double.isInfinite(progressSeconds)) {
      throw new ParameterException(
          spec.commandLine(),
          "--progress-seconds " + progressSeconds + ": must be a number of seconds above 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> sets = overrides == null ? List.of() : overrides;
    ComputePlugin plugin = plugin(deployment, sets);
    String compute =
        plugin == null ? null : DeploymentLoader.compute(deployment, sets).orElseThrow();
    Deployment d =
        DeploymentLoader.load(deployment, plugin == null ? sets : plugin.deploymentOverrides(sets));
    try (RemoteCompute remote = plugin == null ? null : open(plugin, compute, d, sets)) {
      return run(
          d,
          input,
          output,
          new FolderMode(resume, overwrite, force),
          progressSeconds,
          progress,
          metricsPort,
          remote,
          out);
    }
  }

  /** @return the plugin that runs jobs on the deployment's compute, or null to run them here */
  private static ComputePlugin plugin(Path deployment, List<String> sets) {
    java.util.Iterator<ComputePlugin> plugins =
        java.util.ServiceLoader.load(ComputePlugin.class).iterator();
    if (!plugins.hasNext()) {
      return null; // the plain launcher: compute is an ignored key, as in the cloud's files
    }
    String compute = DeploymentLoader.compute(deployment, sets).orElse("");
    while (plugins.hasNext()) {
      ComputePlugin p = plugins.next();
      if (p.handles(compute)) {
        return p;
      }
    }
    return null;
  }

  private static RemoteCompute open(
      ComputePlugin plugin, String compute, Deployment d, List<String> sets) {
    try {
      return plugin.open(compute, d, sets);
    } catch (io.batchscore.core.deployment.DeploymentException e) {
      throw e;
    } catch (Exception e) {
      throw new io.batchscore.core.deployment.DeploymentException(
          "compute " + compute + ": cannot start: " + e, e);
    }
  }

  /** What a run does with its output folder: --resume, --overwrite, --force. */
  private record FolderMode(boolean resume, boolean overwrite, boolean force) {}

  private Integer run(
      Deployment d,
      Path input,
      Path output,
      FolderMode mode,
      double progressSeconds,
      ProgressMode progress,
      Integer metricsPort,
      RemoteCompute remote,
      PrintWriter out)
      throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ScoringJob job =
        ScoringJob.builder(d, input, output)
            .remote(remote)
            .resume(mode.resume())
            .overwrite(mode.overwrite())
            .force(mode.force())
            .console(System.err)
            .progressEvery(Duration.ofMillis(Math.max(100, (long) (progressSeconds * 1000))))
            .progress(progress)
            .metricsPort(metricsPort == null ? -1 : metricsPort)
            .build();
    // SIGINT/SIGTERM: see SignalCancel. Other ends of the JVM (SIGHUP) run this hook: it
    // cancels the job the same way and waits for its end, bounded by the timeout.
    Duration grace = d.retry().timeout().plusSeconds(10);
    Thread onExit =
        new Thread(
            () -> {
              job.cancel("canceled as the JVM exits; finish it with --resume");
              try {
                job.awaitEnd(grace);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException couldNotStart) {
                // the run itself reports it
              }
            },
            "batchscore-cancel");
    Runtime.getRuntime().addShutdownHook(onExit);
    JobResult r;
    int code;
    try (SignalCancel signals = SignalCancel.install(job, d.retry().timeout(), err)) {
      r = job.run();
      code = signals.exitCode(r);
    } catch (java.io.IOException e) {
      err.println("batchscore: cannot write the output folder " + output + ": " + e.getMessage());
      return ExitCodes.FAILED;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it returns once this job has ended
      }
    }
    if (r.couldNotStart()) {
      err.println("batchscore: could not start: " + r.reason());
      return ExitCodes.COULD_NOT_START;
    }
    out.printf(
        Locale.ROOT,
        "%s: %d items, %d succeeded, %d failed, in %.1f s%n",
        r.status(),
        r.itemsSucceeded() + r.itemsFailed(),
        r.itemsSucceeded(),
        r.itemsFailed(),
        r.duration().toNanos() / 1e9);
    if (!r.reason().isEmpty()) {
      out.println("reason: " + r.reason());
    }
    r.predictions().ifPresent(f -> out.println("predictions: " + f));
    out.println("logs: " + r.outputDir().resolve("logs"));
    if (java.nio.file.Files.exists(r.outputDir().resolve("logs/report.html"))) {
      out.println("report: " + r.outputDir().resolve("logs/report.html"));
    }
    out.flush();
    return code;
  }
}
