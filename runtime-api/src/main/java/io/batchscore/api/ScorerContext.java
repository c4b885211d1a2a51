package io.batchscore.api;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker's {@link Scorer} gets from the runtime in {@link Scorer#init}: the counterpart of
 * {@code AZUREML_MODEL_DIR}, the command-line arguments and the logger of a managed driver's
 * entry script.
 */
public interface ScorerContext {

  /** @return the deployment's {@code model.path}: a folder (or a file) holding the model */
  Path modelDir();

  /** @return the device this worker is placed on */
  Device device();

  /**
   * @return the number of intra-op threads this worker should give its engine, planned so that
   *     all workers together do not oversubscribe the cores
   */
  int intraOpThreads();

  /** @return the worker's number within the job, from 0 */
  int workerId();

  /** @return the worker's instance (the "node" of the log layout), such as {@code node000} */
  String instanceId();

  /**
   * @return a logger writing to this worker's {@code logs/user/stdout/<node>/process<NNN>.stdout.txt}
   *     (and, for warnings and errors with a throwable, to {@code logs/user/error/...}), filtered
   *     at the deployment's {@code logging_level}
   */
  Logger logger();

  /** @return the deployment's {@code environment_variables} (overridable with {@code --set}) */
  Map<String, String> environment();

  /**
   * @return arguments as a managed driver passes them to its entry script, such as
   *     {@code ["--logging_level", "INFO"]}
   */
  List<String> arguments();

  /**
   * @return the job's output folder; a {@code summary_only} scorer writes its own files here
   */
  Path outputDir();

  /**
   * Looks up a service the runtime provides. The one always present is Micrometer's
   * {@code io.micrometer.core.instrument.MeterRegistry}, for the scorer's own metrics (exported
   * with the job's in {@code logs/metrics.json}); this API names no third-party type, so it is
   * asked for by class: {@code context.service(MeterRegistry.class)}.
   *
   * @param type the service's type
   * @param <T> the service's type
   * @return the service, or empty when the runtime has none of that type
   */
  <T> Optional<T> service(Class<T> type);
}
