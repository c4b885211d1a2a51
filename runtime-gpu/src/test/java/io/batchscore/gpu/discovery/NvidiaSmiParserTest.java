package io.batchscore.gpu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NvidiaSmiParserTest {

  static final String TWO_H100 =
      "0, NVIDIA H100 80GB HBM3, 81559, GPU-5f0a1c2d-1111-2222-3333-444455556666\n"
          + "1, NVIDIA H100 80GB HBM3, 81559, GPU-9b8c7d6e-aaaa-bbbb-cccc-ddddeeeeffff\n";

  @Test
  void readsOneGpuPerLine() {
    assertThat(NvidiaSmiParser.parse(TWO_H100))
        .containsExactly(
            new NvidiaGpu(
                0, "NVIDIA H100 80GB HBM3", 81559, "GPU-5f0a1c2d-1111-2222-3333-444455556666"),
            new NvidiaGpu(
                1, "NVIDIA H100 80GB HBM3", 81559, "GPU-9b8c7d6e-aaaa-bbbb-cccc-ddddeeeeffff"));
  }

  @Test
  void toleratesCrLfBlankLinesUnknownMemoryAndCommasInNames() {
    String out = "\r\n0, Tesla T4, [N/A], GPU-aaaa\r\n\r\n1, Odd, Name, 15360, GPU-bbbb\r\n";
    assertThat(NvidiaSmiParser.parse(out))
        .containsExactly(
            new NvidiaGpu(0, "Tesla T4", -1, "GPU-aaaa"),
            new NvidiaGpu(1, "Odd, Name", 15360, "GPU-bbbb"));
  }

  @Test
  void driverErrorTextGivesNoGpus() {
    assertThat(
            NvidiaSmiParser.parse(
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
                    + " Make sure that the latest NVIDIA driver is installed and running.\n"))
        .isEmpty();
    assertThat(NvidiaSmiParser.parse("No devices were found\n")).isEmpty();
    assertThat(NvidiaSmiParser.parse("")).isEmpty();
  }
}
