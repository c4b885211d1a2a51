package io.batchscore.core.python;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every Python worker of a job starts from.
 *
 * @param interpreter the interpreter's path
 * @param interpreterDescription the interpreter as it reported itself, for messages
 * @param code {@code code_configuration.code}: on {@code sys.path}, and the working folder
 * @param script the scoring script
 * @param modelPath {@code model.path}, kept under {@code AZUREML_MODEL_DIR} by name
 * @param argv the script's {@code sys.argv[1:]}
 * @param loggingLevel the root logger's level, a Python level name
 * @param tabular true when mini-batches are rows ({@code run} gets a DataFrame)
 * @param cpuOnly true for {@code devices: cpu}: CPU workers' processes see no CUDA device (with
 *     {@code devices: auto} and no CUDA discovery on the class path they see what the launcher
 *     sees, as the cloud's processes do)
 * @param startNotes lines for the first worker's log (the conda file check)
 * @param noted whether a worker logged {@code startNotes}
 */
record PythonLaunch(
    String interpreter,
    String interpreterDescription,
    Path code,
    Path script,
    Path modelPath,
    List<String> argv,
    String loggingLevel,
    boolean tabular,
    boolean cpuOnly,
    List<Note> startNotes,
    AtomicBoolean noted) {

  /** A line of the start-up check and its level. */
  record Note(Level level, String text) {}

  /** Logs the start notes once per job, in the first worker's log that asks. */
  void logStartNotes(Logger log) {
    if (noted.compareAndSet(false, true)) {
      for (Note n : startNotes) {
        log.log(n.level(), n.text());
      }
    }
  }

  /** @return the hint that goes with a module the script could not import */
  String interpreterHint() {
    return "Python interpreter "
        + interpreterDescription
        + "; choose another with"
        + " environment.python in the deployment file or the BATCHSCORE_PYTHON variable"
        + " (such as /usr/bin/python3), or install the module for this one";
  }
}
