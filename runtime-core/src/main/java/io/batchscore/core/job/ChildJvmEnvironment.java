package io.batchscore.core.job;

import java.util.Map;

/**
 * The environment every child JVM (or other process loading the engines' native libraries) that
 * the runtime starts must get; {@code bin/batchscore} sets the same for the launcher's JVM.
 *
 * <p>{@code ORT_DISABLE_TELEMETRY=1}, unless the user set it: ONNX Runtime 1.29.0's Java package
 * crashes the JVM (SIGSEGV, no message) while creating its environment when the process's command
 * line is longer than about 4 KB (its POSIX telemetry code, microsoft/onnxruntime#32173); with
 * telemetry disabled it does not. The runtime pins an ONNX Runtime without the bug; this keeps a
 * user who overrides the version safe.
 */
public final class ChildJvmEnvironment {

  /** The variable that turns ONNX Runtime's telemetry off. */
  public static final String ORT_DISABLE_TELEMETRY = "ORT_DISABLE_TELEMETRY";

  private ChildJvmEnvironment() {}

  /**
   * Adds what a child process needs to the environment it will get, leaving what the user set.
   *
   * @param environment a {@code ProcessBuilder.environment()}, for instance
   * @return the same map
   */
  public static Map<String, String> apply(Map<String, String> environment) {
    environment.putIfAbsent(ORT_DISABLE_TELEMETRY, "1");
    return environment;
  }
}
