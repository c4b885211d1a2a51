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

  /**
   * Finds an executable as a shell would.
   *
   * @param program a name looked up on the {@code PATH}, or a path (it holds a separator)
   * @param pathVariable the {@code PATH}'s value; null when unset, which searches {@code
   *     /bin:/usr/bin}
   * @return the executable file, or empty when there is none
   */
  static Optional<Path> locate(String program, String pathVariable) {
    if (program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0) {
      Path p = Path.of(program);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    // no PATH at all: the default search path of execvp(3), as starting the process would use
    String path = pathVariable != null ? pathVariable : "/bin:/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** @return the command's standard output, or empty when it could not give one */
  @Override
  public Optional<String> get() {
    if (locate(command.get(0), System.getenv("PATH")).isEmpty()) {
      // most machines: no driver tools at all. Starting a process (and making its temporary
      // file, which seeds a SecureRandom) only to learn that cost ~25 ms of every job's start.
      LOG.log(Level.DEBUG, "{0} is not on the PATH; no CUDA devices", command.get(0));
      return Optional.empty();
    }
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
      LOG.log(
          Level.DEBUG,
          "cannot run " + command.get(0) + " (" + e.getMessage() + "); no CUDA devices");
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
