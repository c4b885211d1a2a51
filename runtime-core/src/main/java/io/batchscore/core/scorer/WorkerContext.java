package io.batchscore.core.scorer;

import io.batchscore.api.Device;
import io.batchscore.api.ScorerContext;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ScorerContext} of one worker.
 *
 * @param modelDir {@code model.path}
 * @param device the worker's device
 * @param intraOpThreads the worker's engine thread budget
 * @param workerId the worker's number in the job
 * @param instanceId the worker's node name
 * @param logger the worker's logger
 * @param environment {@code environment_variables}
 * @param arguments driver-style arguments
 * @param outputDir the job's output folder
 * @param services services by type (the meter registry)
 */
public record WorkerContext(
    Path modelDir,
    Device device,
    int intraOpThreads,
    int workerId,
    String instanceId,
    Logger logger,
    Map<String, String> environment,
    List<String> arguments,
    Path outputDir,
    Map<Class<?>, Object> services)
    implements ScorerContext {

  @Override
  public <T> Optional<T> service(Class<T> type) {
    for (Map.Entry<Class<?>, Object> e : services.entrySet()) {
      if (type.isAssignableFrom(e.getKey())) {
        return Optional.of(type.cast(e.getValue()));
      }
    }
    return Optional.empty();
  }
}
