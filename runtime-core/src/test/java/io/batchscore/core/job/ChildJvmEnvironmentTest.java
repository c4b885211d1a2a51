package io.batchscore.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildJvmEnvironmentTest {

  @Test
  void aChildGetsOnnxRuntimeTelemetryTurnedOffUnlessTheUserSetIt() {
    Map<String, String> bare = new HashMap<>(Map.of("PATH", "/usr/bin"));
    assertThat(ChildJvmEnvironment.apply(bare))
        .containsEntry("ORT_DISABLE_TELEMETRY", "1")
        .containsEntry("PATH", "/usr/bin");

    Map<String, String> set = new HashMap<>(Map.of("ORT_DISABLE_TELEMETRY", "0"));
    assertThat(ChildJvmEnvironment.apply(set)).containsEntry("ORT_DISABLE_TELEMETRY", "0");
  }

  @Test
  void aProcessBuilderEnvironmentTakesIt() {
    ProcessBuilder pb = new ProcessBuilder("true");
    pb.environment().remove("ORT_DISABLE_TELEMETRY");
    ChildJvmEnvironment.apply(pb.environment());
    assertThat(pb.environment()).containsEntry("ORT_DISABLE_TELEMETRY", "1");
  }
}
