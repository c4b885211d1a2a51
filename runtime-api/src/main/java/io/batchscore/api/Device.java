package io.batchscore.api;

/**
 * Where a worker runs its model: the CPU, or one CUDA device by ordinal.
 *
 * <p>Written and parsed as {@code cpu} or {@code cuda:N}, the form used in the deployment file,
 * the logs and {@code processed_mini-batches.csv}.
 *
 * @param kind CPU or CUDA
 * @param ordinal the CUDA device ordinal (as numbered after {@code CUDA_VISIBLE_DEVICES}); -1 for
 *     the CPU
 */
public record Device(Kind kind, int ordinal) {

  /** The kinds of device a worker can be placed on. */
  public enum Kind {
    /** The host's cores. */
    CPU,
    /** An NVIDIA GPU through CUDA. */
    CUDA
  }

  private static final Device CPU = new Device(Kind.CPU, -1);

  /** Checks that a CPU device has ordinal -1 and a CUDA device a non-negative one. */
  public Device {
    if (kind == null) {
      throw new IllegalArgumentException("device kind is null");
    }
    if (kind == Kind.CPU && ordinal != -1) {
      throw new IllegalArgumentException("the CPU device has no ordinal, got " + ordinal);
    }
    if (kind == Kind.CUDA && ordinal < 0) {
      throw new IllegalArgumentException("CUDA device ordinal must be >= 0, got " + ordinal);
    }
  }

  /** @return the CPU device */
  public static Device cpu() {
    return CPU;
  }

  /**
   * @param ordinal the CUDA ordinal, 0 or more
   * @return the CUDA device with that ordinal
   */
  public static Device cuda(int ordinal) {
    return new Device(Kind.CUDA, ordinal);
  }

  /**
   * Parses {@code cpu} or {@code cuda:N}.
   *
   * @param text the device as written in logs and settings
   * @return the device
   * @throws IllegalArgumentException naming the text when it is neither form
   */
  public static Device parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("cpu")) {
      return CPU;
    }
    if (t.startsWith("cuda:")) {
      try {
        return cuda(Integer.parseInt(t.substring(5)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("not a device: '" + text + "' (expected cpu or cuda:N)");
  }

  /** @return true for a CUDA device */
  public boolean isCuda() {
    return kind == Kind.CUDA;
  }

  @Override
  public String toString() {
    return kind == Kind.CPU ? "cpu" : "cuda:" + ordinal;
  }

  // Written out rather than generated: a record's generated equals/hashCode bootstrap through
  // java.lang.runtime.ObjectMethods, which spins method-handle classes with ASM at run time and
  // leaves the JIT compiling ASM on a launcher's critical path (see benchmarks/README.md).
  @Override
  public boolean equals(Object o) {
    return o instanceof Device d && d.kind == kind && d.ordinal == ordinal;
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + ordinal;
  }
}
