package io.batchscore.gpu.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the output of {@code nvidia-smi --query-gpu=index,name,memory.total,uuid
 * --format=csv,noheader,nounits}: one GPU a line, such as {@code 0, NVIDIA H100 80GB HBM3, 81559,
 * GPU-5f0a...}. Pure: no process, no environment.
 */
public final class NvidiaSmiParser {

  /** The arguments that produce the output this class reads. */
  public static final List<String> QUERY =
      List.of("--query-gpu=index,name,memory.total,uuid", "--format=csv,noheader,nounits");

  private NvidiaSmiParser() {}

  /**
   * Reads the GPUs from the output. Lines that are not a GPU record (blank lines, warnings) are
   * skipped; a name containing commas is kept whole.
   *
   * @param output the command's standard output
   * @return the GPUs, in the order listed
   */
  public static List<NvidiaGpu> parse(String output) {
    List<NvidiaGpu> gpus = new ArrayList<>();
    for (String line : output.split("\\R")) {
      NvidiaGpu gpu = parseLine(line);
      if (gpu != null) {
        gpus.add(gpu);
      }
    }
    return gpus;
  }

  private static NvidiaGpu parseLine(String line) {
    String[] f = line.split(",");
    if (f.length < 4) {
      return null;
    }
    int index;
    try {
      index = Integer.parseInt(f[0].trim());
    } catch (NumberFormatException e) {
      return null;
    }
    if (index < 0) {
      return null;
    }
    String uuid = f[f.length - 1].trim();
    long memory = parseMemory(f[f.length - 2].trim());
    StringBuilder name = new StringBuilder();
    for (int i = 1; i < f.length - 2; i++) {
      name.append(i > 1 ? "," : "").append(f[i]);
    }
    return new NvidiaGpu(index, name.toString().trim(), memory, uuid);
  }

  private static long parseMemory(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1; // "[N/A]", "[Not Supported]"
    }
  }
}
