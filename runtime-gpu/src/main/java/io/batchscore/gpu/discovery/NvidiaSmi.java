package io.batchscore.gpu.discovery;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs {@code nvidia-smi} (by default with {@link NvidiaSmiParser#QUERY}) under a time limit. Never throws: a
 * missing binary, a failing driver, a non-zero exit or a timeout all give an empty result.
 */
public final class NvidiaSmi implements Supplier<Optional<String>> {

  private static final System.Logger LOG = System.getLogger(NvidiaSmi.class.getName());

  private final List<String> command;
  private final Duration timeout;

  /**
   * @param command the command and its arguments (see {@link #standard()})
   * @param timeout how long to wait before giving up (and killing the process)
   */
  public NvidiaSmi(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  /**
   * @return {@code nvidia-smi} from the {@code PATH} with {@link NvidiaSmiParser#QUERY}, with a
   *     10-second limit
   */
  public static NvidiaSmi standard() {
    List<String> command = new ArrayList<>();
    command.add("nvidia-smi");
    command.addAll(NvidiaSmiParser.QUERY);
    return new NvidiaSmi(command, Duration.ofSeconds(10));
  }

  /** @return the command's standard output, or empty when it could not give one */
  @Override
  public Optional<String> get() {
    Path out = null;
    Process process = null;
    try {
      out = Files.createTempFile("batchscore-nvidia-smi", ".csv");
      process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "{0} did not answer within {1}; no CUDA devices", command, timeout);
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        LOG.log(Level.DEBUG, "{0} exited with {1}; no CUDA devices", command, process.exitValue());
        return Optional.empty();
      }
      return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot run " + command.get(0) + " (" + e.getMessage() + "); no CUDA devices");
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
