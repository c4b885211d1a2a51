package io.batchscore.gpu.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import io.batchscore.api.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Makes ONNX Runtime sessions for a worker's {@link Device}.
 *
 * <ul>
 *   <li>CPU: {@code intraOpThreads} intra-op threads, one inter-op thread, sequential execution,
 *       so that the runtime's thread plan (workers &times; threads &le; cores) holds.
 *   <li>CUDA: the CUDA execution provider on the device's ordinal; needs the {@code
 *       onnxruntime_gpu} artifact and CUDA 12 + cuDNN 9 user-space libraries, and fails with a
 *       message saying so when they are missing.
 * </ul>
 *
 * <p>A session is thread-safe for {@code run}; this class makes one per call and caches nothing.
 * Scorers in the examples make one per worker (no contention between workers; the FashionMNIST
 * model is 64 KB, so sharing would save nothing worth a lock or a reference count).
 */
public final class OnnxSessions {

  private OnnxSessions() {}

  /** @return the process-wide ONNX Runtime environment */
  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment();
  }

  /** @return the execution providers this ONNX Runtime build can use, such as {@code [CPU]} */
  public static Set<OrtProvider> availableProviders() {
    return OrtEnvironment.getAvailableProviders();
  }

  /**
   * Opens a model on a device.
   *
   * @param model the {@code .onnx} file
   * @param device where the session runs
   * @param intraOpThreads intra-op threads for a CPU session (1 or more); ignored on CUDA
   * @return a new session; the caller closes it
   * @throws OrtException when ONNX Runtime cannot load the model (the message names the file)
   * @throws IllegalStateException when the device needs an execution provider this build lacks
   * @throws IllegalArgumentException when the file does not exist or the thread count is below 1
   */
  public static OrtSession create(Path model, Device device, int intraOpThreads)
      throws OrtException {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("ONNX model not found: " + model);
    }
    try (SessionOptions options = options(device, intraOpThreads)) {
      try {
        return environment().createSession(model.toString(), options);
      } catch (OrtException e) {
        throw new OrtException(
            e.getCode(),
            "cannot load ONNX model " + model + " on " + device + ": " + e.getMessage());
      }
    }
  }

  /**
   * Builds the session options for a device; used by {@link #create} and by callers that add
   * options of their own.
   *
   * @param device where the session runs
   * @param intraOpThreads intra-op threads for a CPU session (1 or more)
   * @return new options; the caller closes them
   * @throws OrtException when ONNX Runtime rejects an option
   * @throws IllegalStateException when the device needs an execution provider this build lacks
   */
  public static SessionOptions options(Device device, int intraOpThreads) throws OrtException {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
    }
    SessionOptions options = new SessionOptions();
    try {
      if (device.isCuda()) {
        requireProvider(OrtProvider.CUDA, device);
        options.addCUDA(device.ordinal());
      } else {
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(ExecutionMode.SEQUENTIAL);
      }
      return options;
    } catch (RuntimeException | OrtException e) {
      options.close();
      throw e;
    }
  }

  private static void requireProvider(OrtProvider provider, Device device) {
    Set<OrtProvider> available = availableProviders();
    if (!available.contains(provider)) {
      throw new IllegalStateException(missingProviderMessage(available, device));
    }
  }

  /**
   * @param available the providers present
   * @param device the device asked for
   * @return the message given when a CUDA device is asked of a build without the CUDA provider
   */
  static String missingProviderMessage(Set<OrtProvider> available, Device device) {
    return "ONNX Runtime here has providers "
        + available
        + "; device "
        + device
        + " needs the onnxruntime_gpu artifact and CUDA 12 + cuDNN 9 libraries";
  }
}
