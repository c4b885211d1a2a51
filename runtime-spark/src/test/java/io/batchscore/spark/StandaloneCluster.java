package io.batchscore.spark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on loopback, from the Maven jars: a Master and Worker JVMs
 * (one core each, with fake GPUs from a discovery script), the Workers launching executors from
 * a SPARK_HOME whose jars/ links the build's Spark class path. Closing it kills every JVM it
 * started, executors included.
 */
final class StandaloneCluster implements AutoCloseable {

  static final Path CLASSPATH = Path.of("target", "spark-classpath.txt").toAbsolutePath();

  private final Path home;
  private final Path dir;
  private final List<Process> workers = new ArrayList<>();
  private Process master;
  private int port;
  private int webPort;

  private StandaloneCluster(Path dir) {
    this.dir = dir;
    this.home = dir.resolve("spark-home");
  }

  /**
   * @param dir a folder for the SPARK_HOME, work dirs and logs
   * @param workerCount Workers to start
   * @param gpus the fake GPU addresses each Worker reports
   */
  static StandaloneCluster start(Path dir, int workerCount, List<String> gpus) throws Exception {
    Reals.require(Files.isRegularFile(CLASSPATH), CLASSPATH + " (run the tests with mvn verify)");
    StandaloneCluster c = new StandaloneCluster(dir);
    try {
      c.boot(workerCount, gpus);
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void boot(int workerCount, List<String> gpus) throws Exception {
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : Files.readString(CLASSPATH).trim().split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    Path script = dir.resolve("gpus.sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho '{\"name\":\"gpu\",\"addresses\":["
            + String.join(",", gpus.stream().map(g -> "\"" + g + "\"").toList())
            + "]}'\n");
    script.toFile().setExecutable(true);
    port = Processes.freePort();
    webPort = Processes.freePort();
    String cp = jars + "/*";
    master =
        Processes.start(
            List.of(
                Processes.java(),
                "-Xmx256m",
                "-cp",
                cp,
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(webPort)),
            env(),
            dir.resolve("master.log"));
    for (int i = 0; i < workerCount; i++) {
      startWorker(i, cp, script, gpus.size());
    }
    awaitWorkers(workerCount);
  }

  private void startWorker(int i, String cp, Path script, int gpuCount) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work" + i));
    List<String> cmd = new ArrayList<>(List.of(Processes.java(), "-Xmx256m", "-cp", cp));
    if (gpuCount > 0) {
      cmd.add("-Dspark.worker.resource.gpu.amount=" + gpuCount);
      cmd.add("-Dspark.worker.resource.gpu.discoveryScript=" + script);
    }
    cmd.addAll(
        List.of(
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--cores",
            "1",
            "--memory",
            "1g",
            "--webui-port",
            Integer.toString(Processes.freePort()),
            "--work-dir",
            work.toString(),
            masterUrl()));
    workers.add(Processes.start(cmd, env(), dir.resolve("worker" + i + ".log")));
  }

  /** @return the environment of the cluster's JVMs (SPARK_HOME, loopback) */
  Map<String, String> env() {
    return Map.of(
        "SPARK_HOME",
        home.toString(),
        "SPARK_SCALA_VERSION",
        "2.13",
        "SPARK_LOCAL_IP",
        "127.0.0.1",
        "ORT_DISABLE_TELEMETRY",
        "1");
  }

  /** Waits until the Master lists {@code n} alive Workers. */
  void awaitWorkers(int n) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (last.replace(" ", "").contains("\"aliveworkers\":" + n)) {
          return;
        }
      } catch (IOException notYet) {
        // the Master's UI is not up yet
      }
      Thread.sleep(300);
    }
    throw new AssertionError("the standalone cluster did not get " + n + " workers: " + last);
  }

  /** @return the class path of Spark's jars, as the Master and Workers run with */
  String classpath() {
    return home.resolve("jars") + "/*";
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** @return the Worker JVMs, in start order */
  List<Process> workers() {
    return workers;
  }

  /** @return the executor JVMs running under the Workers now */
  List<ProcessHandle> executors() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process w : workers) {
      w.toHandle()
          .descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
          .forEach(all::add);
    }
    return all;
  }

  /** @return the Spark executor id of an executor JVM ({@code --executor-id N}) */
  static String executorId(ProcessHandle executor) {
    String[] args = executor.info().arguments().orElse(new String[0]);
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--executor-id")) {
        return args[i + 1];
      }
    }
    throw new AssertionError("no --executor-id in " + executor.info().commandLine());
  }

  @Override
  public void close() {
    for (Process w : workers) {
      Processes.kill(w.toHandle());
    }
    if (master != null) {
      Processes.kill(master.toHandle());
    }
  }
}
