package io.batchscore.examples.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Placement over CUDA devices through the launcher in a child JVM, with runtime-gpu's discovery
 * on the class path and the simulated inventory {@code BATCHSCORE_FAKE_CUDA_DEVICES}. The chaos
 * scorer does not touch the GPU.
 */
class FakeCudaPlacementTest {

  @TempDir Path tmp;
  private Path input;

  @BeforeEach
  void inputs() throws IOException {
    input = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 600; i++) {
      Files.writeString(input.resolve(String.format("f%04d.txt", i)), "");
    }
  }

  private record Run(int code, String output) {}

  private Run launch(Map<String, String> env, String... set) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.batchscore.core.cli.BatchScoreCommand",
                "run",
                "--deployment",
                "chaos/deployment.yml",
                "--input",
                input.toString(),
                "--output",
                tmp.resolve("out").toString(),
                "--set",
                "code_configuration.code=" + Path.of("target/classes").toAbsolutePath(),
                "--set",
                "environment_variables.CHAOS_DELAY_MS=1"));
    for (String s : set) {
      cmd.add("--set");
      cmd.add(s);
    }
    // the child's output goes to a file, not a pipe read to its end: waitFor's limit holds
    Path log = tmp.resolve("child.log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("BATCHSCORE_FAKE_CUDA_DEVICES");
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      boolean exited = p.waitFor(120, TimeUnit.SECONDS);
      assertThat(exited)
          .as("the launcher exited within 120 s; it printed:%n%s", Files.readString(log))
          .isTrue();
      return new Run(p.exitValue(), Files.readString(log));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void threeWorkersRunOnEachOfTwoFakeDevices() throws Exception {
    Run r =
        launch(
            Map.of("BATCHSCORE_FAKE_CUDA_DEVICES", "2"),
            "devices=cuda",
            "max_concurrency_per_instance=3");
    assertThat(r.code()).as(r.output()).isZero();
    Map<String, TreeSet<String>> workersByDevice = new TreeMap<>();
    for (String line :
        Files.readAllLines(tmp.resolve("out/logs/sys/job_report/processed_mini-batches.csv"))
            .subList(1, 61)) {
      String[] f = line.split(",");
      workersByDevice.computeIfAbsent(f[5], k -> new TreeSet<>()).add(f[4]);
    }
    assertThat(workersByDevice).containsOnlyKeys("cuda:0", "cuda:1");
    assertThat(workersByDevice.get("cuda:0"))
        .containsExactly("node000/process000", "node000/process001", "node000/process002");
    assertThat(workersByDevice.get("cuda:1"))
        .containsExactly("node000/process003", "node000/process004", "node000/process005");
    assertThat(Files.readString(tmp.resolve("out/logs/sys/job.log")))
        .contains("found cuda:0: Fake CUDA device")
        .contains("6 workers");
    assertThat(Files.readString(tmp.resolve("out/logs/user/stdout/node000/process004.stdout.txt")))
        .contains("chaos scorer ready on cuda:1");
  }

  @Test
  void cudaWithoutAnyDeviceCannotStart() throws Exception {
    Run r = launch(Map.of("CUDA_VISIBLE_DEVICES", ""), "devices=cuda");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.output()).contains("devices: cuda but no CUDA device was found");
  }

  @Test
  void autoFallsBackToTheCpu() throws Exception {
    Run r = launch(Map.of("CUDA_VISIBLE_DEVICES", ""), "devices=auto");
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(Files.readString(tmp.resolve("out/logs/sys/job.log")))
        .contains("devices: auto found no CUDA device; workers run on the CPU");
  }
}
