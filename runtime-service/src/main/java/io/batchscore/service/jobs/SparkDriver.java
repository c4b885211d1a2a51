package io.batchscore.service.jobs;

import io.batchscore.service.api.ComputeInfo;
import io.batchscore.service.workspace.ComputeRepository;
import io.batchscore.service.workspace.JobRecord;
import io.batchscore.service.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The driver of a job whose deployment names a compute of {@code type: spark}: {@code batchscore
 * run ... --set compute=spark:MASTER}, started with runtime-spark and Spark's jars. Through
 * {@code bin/batchscore} ({@code -Dbatchscore.launcher}) the script finds those jars; otherwise
 * this JVM's class path must hold them, and the driver gets the JVM options {@code spark-submit}
 * adds.
 */
final class SparkDriver {

  private static final String PLUGIN = "io.batchscore.spark.SparkComputePlugin";
  private static final List<String> OPENS =
      List.of(
          "java.lang",
          "java.lang.invoke",
          "java.lang.reflect",
          "java.io",
          "java.net",
          "java.nio",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "jdk.internal.ref",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar");

  private SparkDriver() {}

  /**
   * @param ws the workspace
   * @param job a job
   * @return the compute its deployment names ({@code compute: azureml:NAME}) when that is of
   *     type spark
   */
  static Optional<ComputeInfo> compute(Workspace ws, JobRecord job) {
    return ws.db().withHandle(h -> spark(h, job.document().path("compute").asText("")));
  }

  /**
   * @param h a handle
   * @param compute a deployment's {@code compute} value, or null
   * @return whether it names a compute of type spark, whose jobs take {@code spark.*} settings
   */
  static boolean onSpark(Handle h, String compute) {
    return compute != null && spark(h, compute).isPresent();
  }

  private static Optional<ComputeInfo> spark(Handle h, String compute) {
    if (!compute.startsWith("azureml:")) {
      return Optional.empty();
    }
    return ComputeRepository.find(h, compute.substring("azureml:".length()))
        .filter(c -> c.type().equals("spark"));
  }

  /**
   * @param compute a spark compute
   * @return the command that runs the launcher's main class with Spark: the launcher script, or
   *     java, JVM options, class path
   * @throws IOException when neither the script nor this class path can run Spark
   */
  static List<String> java(ComputeInfo compute) throws IOException {
    String launcher = System.getProperty("batchscore.launcher");
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      return List.of(launcher); // it adds Spark's jars for --set compute=spark:...
    }
    try {
      Class.forName(PLUGIN, false, SparkDriver.class.getClassLoader());
      Class.forName("org.apache.spark.SparkContext", false, SparkDriver.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IOException(
          "compute "
              + compute.name()
              + " is of type spark, and this JVM has"
              + " neither bin/batchscore nor runtime-spark and Spark on its class path (build"
              + " runtime-spark, and run the workspace with bin/batchscore)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+IgnoreUnrecognizedVMOptions");
    OPENS.forEach(p -> cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
    cmd.add("--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED");
    cmd.add("-Djdk.reflect.useDirectMethodHandle=false");
    cmd.add("-Dio.netty.tryReflectionSetAccessible=true");
    String opts = System.getenv("BATCHSCORE_DRIVER_OPTS");
    if (opts != null && !opts.isBlank()) {
      cmd.addAll(List.of(opts.trim().split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.batchscore.core.cli.BatchScoreCommand"));
    return cmd;
  }
}
