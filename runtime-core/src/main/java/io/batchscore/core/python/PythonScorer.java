package io.batchscore.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.api.Device;
import io.batchscore.api.MiniBatch;
import io.batchscore.api.Row;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.scorer.LenientResults;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One worker's Python scoring script, run in a Python process of its own, as the managed driver
 * runs one process per worker. {@code init} starts the process and calls the script's {@code
 * init()}; {@code run} hands it a mini-batch (a list of absolute paths, or a DataFrame for
 * tabular input) and returns its rows; {@code close} calls {@code shutdown()} when the script has
 * one and ends the process.
 *
 * <p>A run that times out (the worker is interrupted) kills the process group; the worker that
 * replaces it starts a fresh process. A process that dies during a run fails that attempt with
 * its exit status, and the next run starts a fresh process and calls {@code init()} again.
 *
 * <p>Called from its worker's thread only.
 */
public final class PythonScorer implements Scorer, LenientResults {

  /** How long the script's {@code shutdown()} may take before the process is killed. */
  private static final long SHUTDOWN_MILLIS = 30_000;

  private final PythonLaunch launch;
  private ScorerContext context;
  private Logger log;
  private PythonProcess process;
  private Path modelLink;
  private boolean initialized;
  private boolean warnedExtraRows;

  PythonScorer(PythonLaunch launch) {
    this.launch = launch;
  }

  @Override
  public void init(ScorerContext context) throws Exception {
    this.context = context;
    this.log = context.logger();
    launch.logStartNotes(log);
    start();
  }

  private void start() throws Exception {
    ObjectNode init =
        Frames.request("init")
            .put("script", launch.script().toString())
            .put("code", launch.code().toString())
            .put("tabular", launch.tabular());
    ArrayNode argv = init.putArray("argv");
    launch.argv().forEach(argv::add);
    try {
      modelLink = ModelDirLink.create(launch.modelPath());
      process =
          PythonProcess.start(
              launch.interpreter(),
              launch.code(),
              environment(),
              (level, text) -> log.log(level, text),
              (level, line) -> log.log(level, line));
      expect(call(init), "ok");
    } catch (Exception e) {
      stop();
      throw e;
    }
    initialized = true;
    log.log(
        Level.DEBUG,
        "[batchscore] Python process "
            + process.pid()
            + " ("
            + launch.interpreterDescription()
            + ") ran init() of "
            + launch.script());
  }

  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PYTHONUNBUFFERED", "1");
    env.put("PYTHONIOENCODING", "utf-8");
    env.put("AZUREML_MODEL_DIR", modelLink.toString());
    env.put("AZUREML_BI_OUTPUT_PATH", context.outputDir().toString());
    if (context.device().isCuda() || launch.cpuOnly()) {
      env.put(
          "CUDA_VISIBLE_DEVICES",
          visibleDevice(
              context.device(), System.getenv().getOrDefault("CUDA_VISIBLE_DEVICES", "")));
    }
    String threads = Integer.toString(Math.max(1, context.intraOpThreads()));
    env.put("OMP_NUM_THREADS", threads);
    env.put("MKL_NUM_THREADS", threads);
    env.putAll(context.environment());
    // the driver's own settings come last: environment_variables cannot change them
    env.put("BATCHSCORE_MODEL_LINK_DIR", modelLink.toString());
    env.put("BATCHSCORE_LOGGING_LEVEL", launch.loggingLevel());
    return env;
  }

  /**
   * @param device the worker's device
   * @param inherited the launcher's own {@code CUDA_VISIBLE_DEVICES}, which numbers the devices
   *     the worker's ordinal counts
   * @return the one device the worker's process may see; empty for a CPU worker
   */
  static String visibleDevice(Device device, String inherited) {
    if (!device.isCuda()) {
      return "";
    }
    String[] visible = inherited.isBlank() ? new String[0] : inherited.split(",");
    return device.ordinal() < visible.length
        ? visible[device.ordinal()].strip()
        : Integer.toString(device.ordinal());
  }

  @Override
  public List<?> run(MiniBatch batch) throws Exception {
    if (process == null || !process.isAlive()) {
      log.log(Level.WARNING, "[batchscore] starting a fresh Python process for " + batch);
      stop();
      start();
    }
    ObjectNode request =
        Frames.request("run").put("index", batch.index()).put("attempt", batch.attempt());
    if (batch.isTabular()) {
      table(request, batch.rows());
    } else {
      ArrayNode files = request.putArray("files");
      for (Path f : batch.files()) {
        files.add(f.toAbsolutePath().toString());
      }
    }
    JsonNode reply = expect(call(request), "result");
    JsonNode rows = reply.path("rows");
    List<String> result = new ArrayList<>(rows.size());
    for (JsonNode row : rows) {
      result.add(row.asText());
    }
    if (result.size() > batch.size() && !warnedExtraRows) {
      warnedExtraRows = true;
      log.log(
          Level.WARNING,
          "[batchscore] run returned "
              + result.size()
              + " elements for the "
              + batch.size()
              + " items of "
              + batch
              + ": every element is written as a row and the"
              + " items count as succeeded, as the managed driver does (warned once per worker)");
    }
    return result;
  }

  /** Columns of the first row, then any other a later row has; a row without one gets "". */
  private static void table(ObjectNode request, List<Row> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.addAll(r.columns()));
    List<String> columns = List.copyOf(names);
    ArrayNode header = request.putArray("columns");
    columns.forEach(header::add);
    ArrayNode values = request.putArray("rows");
    for (Row r : rows) {
      ArrayNode v = values.addArray();
      boolean same = r.columns().equals(columns);
      for (int i = 0; i < columns.size(); i++) {
        v.add(same ? r.get(i) : r.columns().contains(columns.get(i)) ? r.get(columns.get(i)) : "");
      }
    }
  }

  private JsonNode call(ObjectNode request) throws Exception {
    try {
      return process.call(request);
    } catch (PythonProcessDied | InterruptedException e) {
      stop(); // killed: a timeout, or it died; the next run starts a fresh one
      throw e;
    }
  }

  private JsonNode expect(JsonNode reply, String type) throws PythonException {
    String got = reply.path("type").asText();
    if (got.equals(type)) {
      return reply;
    }
    String message = reply.path("message").asText("");
    if (reply.hasNonNull("missing_module")) {
      message += " (" + launch.interpreterHint() + ")";
    }
    if (!got.equals("error")) {
      message = "the Python driver answered " + got + " instead of " + type;
    }
    throw new PythonException(
        reply.path("kind").asText("ProtocolError"), message, reply.path("traceback").asText(""));
  }

  @Override
  public void close() throws Exception {
    if (process == null) {
      return;
    }
    try {
      if (initialized && process.isAlive()) {
        JsonNode reply = process.shutdown(SHUTDOWN_MILLIS);
        if (reply != null) {
          expect(reply, "ok");
        }
      }
    } finally {
      stop();
    }
  }

  /** Kills the process (if any) and removes the model link folder. */
  private void stop() {
    if (process != null) {
      process.kill();
      process = null;
    }
    initialized = false;
    ModelDirLink.delete(modelLink);
    modelLink = null;
  }
}
