package io.batchscore.spark;

import io.batchscore.core.cli.ComputePlugin;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.OutputAction;
import io.batchscore.core.schedule.RemoteCompute;
import io.batchscore.spark.driver.SparkCompute;
import io.batchscore.spark.executor.ExecutorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code compute: spark:MASTER} for the launcher ({@code spark:local[4]},
 * {@code spark:spark://host:7077}, {@code spark:yarn}; plain {@code spark} takes the master
 * {@code spark-submit} gave). Starts a Spark application in this JVM as its driver; {@code --set
 * spark.KEY=VALUE} settings go to Spark's configuration. Unless {@code
 * spark.batchscore.sharedPaths=true}, the scorer's code and the model reach the executors as
 * Spark files ({@code SparkContext.addFile}; a folder as an archive, {@code addArchive}); in
 * local mode they are read in place.
 */
public final class SparkComputePlugin implements ComputePlugin {

  /** Tells executors to read code and model at the driver's paths (a shared filesystem). */
  public static final String SHARED_PATHS = "spark.batchscore.sharedPaths";

  /**
   * {@code true}: the driver reads the input files and their bytes travel with the tasks, so
   * executors need no access to the input's folder (the scorer reads local copies under the same
   * file names).
   */
  public static final String SHIP_INPUTS = "spark.batchscore.shipInputs";

  @Override
  public boolean handles(String compute) {
    return compute.equals("spark") || compute.startsWith("spark:");
  }

  @Override
  public List<String> deploymentOverrides(List<String> overrides) {
    return overrides.stream().filter(o -> !o.startsWith("spark.")).toList();
  }

  @Override
  public RemoteCompute open(String compute, Deployment d, List<String> overrides) {
    Map<String, String> conf = sparkSettings(overrides);
    String master = compute.startsWith("spark:") ? compute.substring("spark:".length()) : "";
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("batchscore " + d.name())
            .config("spark.ui.showConsoleProgress", "false")
            // ONNX Runtime 1.29 crashes in JVMs with long command lines unless this is set
            .config("spark.executorEnv.ORT_DISABLE_TELEMETRY", "1");
    if (!master.isEmpty()) {
      b.master(master);
    }
    Path ownJar = ownJar();
    if (ownJar != null && !master.startsWith("local")) {
      String jars = conf.getOrDefault("spark.jars", "");
      conf.put("spark.jars", jars.isEmpty() ? ownJar.toString() : jars + "," + ownJar);
    }
    conf.forEach(b::config);
    SparkSession session = b.getOrCreate();
    SparkContext sc = session.sparkContext();
    boolean shared = sc.isLocal() || Boolean.parseBoolean(conf.getOrDefault(SHARED_PATHS, "false"));
    String code = d.code().map(Path::toString).orElse("");
    String model = d.modelPath().toString();
    if (!shared) {
      code = ship(sc, d.code().orElse(null), null);
      model = ship(sc, d.modelPath(), d.code().orElse(null));
    }
    boolean shipInputs = Boolean.parseBoolean(conf.getOrDefault(SHIP_INPUTS, "false"));
    int taskCpus = Integer.parseInt(sc.getConf().get("spark.task.cpus", "1"));
    ExecutorSpec spec =
        new ExecutorSpec(
            sc.applicationId() + "/" + UUID.randomUUID(),
            d.scorerClass(),
            code,
            model,
            !shared,
            shipInputs,
            d.retry().maxRetries(),
            d.retry().timeout().toMillis(),
            d.isolateFailures(),
            d.outputAction() == OutputAction.APPEND_ROW,
            d.loggingLevel(),
            Map.copyOf(d.environmentVariables()),
            d.intraOpThreads() > 0 ? d.intraOpThreads() : taskCpus,
            "");
    String description =
        "spark "
            + sc.master()
            + (shared ? "" : ", code and model shipped as Spark files")
            + (shipInputs ? ", input files shipped with the tasks" : "");
    return new SparkCompute(session, spec, description, true, d.miniBatchSize().bytes());
  }

  /** @return the {@code spark.*} settings of {@code --set}, in order */
  static Map<String, String> sparkSettings(List<String> overrides) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String o : overrides) {
      if (o.startsWith("spark.")) {
        int eq = o.indexOf('=');
        if (eq < 0) {
          throw new DeploymentException("--set " + o + ": expected KEY=VALUE");
        }
        conf.put(o.substring(0, eq), o.substring(eq + 1));
      }
    }
    return conf;
  }

  /**
   * Registers a file or folder with Spark, to be fetched by each executor.
   *
   * @return its name, which executors resolve with {@code SparkFiles.get}; empty for none
   */
  private static String ship(SparkContext sc, Path path, Path other) {
    if (path == null) {
      return "";
    }
    if (other != null && other.getFileName().equals(path.getFileName()) && !other.equals(path)) {
      throw new DeploymentException(
          "code_configuration.code "
              + other
              + " and model.path "
              + path
              + " have the same name, so Spark cannot ship both; rename one, or set --set "
              + SHARED_PATHS
              + "=true when executors see the same paths");
    }
    String name = path.getFileName().toString();
    if (Files.isDirectory(path)) { // Spark ships folders only as archives, unpacked by executors
      try {
        Path zip =
            FolderArchive.zip(
                path, Files.createTempDirectory("batchscore-ship").resolve(name + ".zip"));
        zip.toFile().deleteOnExit();
        zip.getParent().toFile().deleteOnExit();
        sc.addArchive(zip.toUri() + "#" + name);
      } catch (java.io.IOException e) {
        throw new DeploymentException("cannot pack " + path + " for the executors: " + e, e);
      }
    } else {
      sc.addFile(path.toString());
    }
    return name;
  }

  /** @return the jar these classes were loaded from (batchscore-spark.jar), or null */
  static Path ownJar() {
    try {
      var source = SparkComputePlugin.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path p = Path.of(source.getLocation().toURI());
      return p.toString().endsWith(".jar") ? p : null;
    } catch (java.net.URISyntaxException | SecurityException e) {
      return null;
    }
  }
}
