package io.batchscore.service.jobs;

import io.batchscore.core.deployment.SecretNames;
import io.batchscore.service.workspace.JobRecord;
import io.batchscore.service.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a job's driver, {@code batchscore run}, as a child process: the launcher jar when known
 * ({@code -Dbatchscore.jar}, set by {@code bin/batchscore}, or {@code BATCHSCORE_JAR}), otherwise
 * this JVM's own class path. Its console goes to the job's {@code driver.log}; {@code
 * BATCHSCORE_DRIVER_OPTS} passes JVM options to it. A deployment on a compute of type spark gets
 * {@code --set compute=spark:MASTER} and Spark's jars ({@link SparkDriver}). The command line
 * logged there shows secret-looking {@code --set environment_variables.NAME} values masked; the
 * driver gets them as given.
 */
public final class DriverLauncher {

  private DriverLauncher() {}

  /**
   * @param ws the workspace
   * @param job the job, claimed
   * @param resume whether to continue its output folder
   * @return the driver process
   * @throws IOException when the process cannot start
   */
  static Process start(Workspace ws, JobRecord job, boolean resume) throws IOException {
    Path deployment = JobOperations.writeDeployment(ws, job);
    Path output = Path.of(job.outputPath());
    Files.createDirectories(output);
    // a result from an earlier attempt must not be taken for this one's
    Files.deleteIfExists(output.resolve("logs").resolve("job_result.txt"));
    var spark = SparkDriver.compute(ws, job);
    List<String> cmd = new ArrayList<>(spark.isPresent() ? SparkDriver.java(spark.get()) : java());
    cmd.addAll(
        List.of(
            "run",
            "--deployment",
            deployment.toString(),
            "--input",
            job.input(),
            "--output",
            output.toString(),
            "--progress",
            "plain",
            "--progress-seconds",
            "2"));
    if (resume) {
      cmd.add("--resume");
    }
    job.overrides()
        .forEach(
            (k, v) -> {
              cmd.add("--set");
              cmd.add(k + "=" + v);
            });
    spark.ifPresent(
        c -> {
          cmd.add("--set");
          cmd.add("compute=spark:" + c.master());
        });
    Path log = ws.jobDir(job.name()).resolve("driver.log");
    Files.writeString(
        log,
        "batchscore: driver "
            + (resume ? "resumed" : "started")
            + ": "
            + String.join(
                " ",
                cmd.subList(cmd.indexOf("run"), cmd.size()).stream()
                    .map(SecretNames::maskOverride)
                    .toList())
            + System.lineSeparator(),
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder driver =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    io.batchscore.service.auth.SecretMasker.withoutClientCredentials(driver.environment());
    if (spark.isPresent() && cmd.get(0).equals(System.getProperty("batchscore.launcher"))) {
      String opts = System.getenv("BATCHSCORE_DRIVER_OPTS");
      driver.environment().put("JAVA_OPTS", opts == null ? "" : opts); // the script's options
    }
    return driver.start();
  }

  /**
   * @return the command that runs the launcher's main class: java, JVM options, class path
   */
  public static List<String> java() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = System.getenv("BATCHSCORE_DRIVER_OPTS");
    if (opts != null && !opts.isBlank()) {
      cmd.addAll(List.of(opts.trim().split("\\s+")));
    }
    String jar = System.getProperty("batchscore.jar", System.getenv("BATCHSCORE_JAR"));
    if (jar != null && Files.isRegularFile(Path.of(jar))) {
      cmd.addAll(List.of("-jar", jar));
    } else {
      cmd.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "io.batchscore.core.cli.BatchScoreCommand"));
    }
    return cmd;
  }
}
