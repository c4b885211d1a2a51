package io.batchscore.examples.fashionmnist;

import io.batchscore.api.Device;
import io.batchscore.api.ScorerContext;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/** A hand-made {@link ScorerContext} for calling scorers directly: CPU, one thread, a list logger. */
final class TestContext implements ScorerContext {

  final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final Path modelDir;

  TestContext(Path modelDir) {
    this.modelDir = modelDir;
  }

  @Override
  public Path modelDir() {
    return modelDir;
  }

  @Override
  public Device device() {
    return Device.cpu();
  }

  @Override
  public int intraOpThreads() {
    return 1;
  }

  @Override
  public int workerId() {
    return 0;
  }

  @Override
  public String instanceId() {
    return "node000";
  }

  @Override
  public Logger logger() {
    return new Logger() {
      @Override
      public String getName() {
        return "test";
      }

      @Override
      public boolean isLoggable(Level level) {
        return true;
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level + " " + msg + (thrown == null ? "" : " " + thrown));
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(
            level + " " + (params == null ? format : java.text.MessageFormat.format(format, params)));
      }

      @Override
      public void log(Level level, Supplier<String> msgSupplier) {
        lines.add(level + " " + msgSupplier.get());
      }
    };
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public List<String> arguments() {
    return List.of("--logging_level", "INFO");
  }

  @Override
  public Path outputDir() {
    return Path.of("target");
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return Optional.empty();
  }
}
