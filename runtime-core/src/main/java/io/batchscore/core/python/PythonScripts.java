package io.batchscore.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeviceSelection;
import io.batchscore.core.scorer.ScorerFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scorer factory of a deployment whose {@code scoring_script} is a Python file. Everything a
 * user can get wrong is checked once, before any worker starts, by one short run of the
 * interpreter: the script and its folder exist, the interpreter starts and speaks the driver's
 * protocol, pandas is there for tabular input; the conda file's packages are checked and the
 * missing ones named in one warning.
 */
public final class PythonScripts {

  private PythonScripts() {}

  /**
   * @param d a deployment whose {@code scoring_script} ends in {@code .py}
   * @param warnings where the start-up warning line goes (the launcher's stderr)
   * @return a factory making one {@link PythonScorer} per worker
   * @throws DeploymentException naming the key, file or interpreter that is wrong
   */
  public static ScorerFactory factory(Deployment d, PrintStream warnings) {
    Path code = d.code().orElse(d.source().getParent());
    if (!Files.isDirectory(code)) {
      throw new DeploymentException(
          d.source().getFileName()
              + ": code_configuration.code: "
              + code
              + " is not a folder (a Python scoring script's folder)");
    }
    Path script = code.resolve(d.scorerClass()).normalize();
    if (!script.startsWith(code) || !Files.isRegularFile(script)) {
      throw new DeploymentException(
          d.source().getFileName()
              + ": code_configuration.scoring_script: "
              + d.scorerClass()
              + " not found in "
              + code);
    }
    String interpreter = Interpreters.resolve(d, System.getenv());
    List<PythonLaunch.Note> notes = new ArrayList<>();
    String description = probe(d, interpreter, code, notes);
    for (PythonLaunch.Note n : notes) {
      if (n.level() == Level.WARNING) {
        warnings.println("batchscore: warning: " + n.text());
      }
    }
    PythonLaunch launch =
        new PythonLaunch(
            interpreter,
            description,
            code,
            script,
            d.modelPath(),
            arguments(d),
            d.loggingLevel(),
            d.miniBatchSize().isBytes(),
            d.devices().mode() == DeviceSelection.Mode.CPU,
            List.copyOf(notes),
            new AtomicBoolean());
    return ScorerFactory.of(() -> new PythonScorer(launch));
  }

  /**
   * The script's arguments: {@code --logging_level} as the seed reads it, and the settings the
   * managed driver passes along with it (scripts read them with {@code parse_known_args}).
   */
  static List<String> arguments(Deployment d) {
    return List.of(
        "--logging_level", d.loggingLevel(),
        "--scoring_module_name", d.scorerClass(),
        "--mini_batch_size",
            d.miniBatchSize().isBytes()
                ? Long.toString(d.miniBatchSize().bytes())
                : Integer.toString(d.miniBatchSize().items()),
        "--error_threshold", Long.toString(d.errorThreshold()),
        "--output_action", d.outputAction().name().toLowerCase(java.util.Locale.ROOT),
        "--append_row_file_name", d.outputFileName(),
        "--run_invocation_timeout", Long.toString(d.retry().timeout().toSeconds()),
        "--run_max_try", Integer.toString(d.retry().maxRetries()),
        "--process_count_per_node", Integer.toString(d.maxConcurrencyPerInstance()),
        "--node_count", Integer.toString(d.instanceCount()));
  }

  /** Starts the interpreter once: checks pandas (tabular input) and the conda file. */
  private static String probe(
      Deployment d, String interpreter, Path code, List<PythonLaunch.Note> notes) {
    Optional<CondaFile.Contents> conda = condaFile(d, notes);
    ObjectNode check = Frames.request("check");
    ArrayNode packages = check.putArray("packages");
    boolean tabular = d.miniBatchSize().isBytes();
    if (tabular) {
      add(packages, new CondaFile.Package("pandas", "", List.of("pandas"), List.of("pandas")));
    }
    conda.ifPresent(c -> c.packages().forEach(p -> add(packages, p)));
    PythonProcess p = null;
    try {
      p =
          PythonProcess.start(
              interpreter,
              code,
              Map.of("PYTHONDONTWRITEBYTECODE", "1"),
              (level, line) -> {},
              (level, line) -> {});
      JsonNode reply = p.call(check);
      if (!"checked".equals(reply.path("type").asText())) {
        throw new IOException("the package check failed: " + reply.path("message").asText());
      }
      String description = p.describe();
      List<JsonNode> found = new ArrayList<>();
      reply.path("packages").forEach(found::add);
      if (tabular && !found.get(0).path("found").asBoolean()) {
        throw new DeploymentException(
            d.source().getFileName()
                + ": tabular input"
                + " (mini_batch_size "
                + d.miniBatchSize()
                + ") reaches run() as a pandas.DataFrame,"
                + " and "
                + description
                + " has no pandas: install it (apt-get install"
                + " python3-pandas, pip install pandas) or choose another interpreter with"
                + " environment.python or BATCHSCORE_PYTHON");
      }
      conda.ifPresent(
          c ->
              notes.addAll(
                  CondaCheck.notes(
                      d, c, tabular ? found.subList(1, found.size()) : found, description)));
      return description;
    } catch (IOException | PythonProcessDied e) {
      throw new DeploymentException(
          Interpreters.source(d, System.getenv())
              + ": cannot run "
              + interpreter
              + ": "
              + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeploymentException("interrupted while starting " + interpreter);
    } finally {
      if (p != null) {
        try {
          p.shutdown(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static void add(ArrayNode packages, CondaFile.Package p) {
    ObjectNode o = packages.addObject().put("name", p.name());
    ArrayNode modules = o.putArray("modules");
    p.modules().forEach(modules::add);
    ArrayNode distributions = o.putArray("distributions");
    p.distributions().forEach(distributions::add);
  }

  private static Optional<CondaFile.Contents> condaFile(
      Deployment d, List<PythonLaunch.Note> notes) {
    Optional<Path> file = d.environment().condaFile();
    if (file.isEmpty()) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file.get())) {
      notes.add(
          new PythonLaunch.Note(
              Level.WARNING,
              "environment.conda_file: " + file.get() + " does not exist; no package was checked"));
      return Optional.empty();
    }
    try {
      return Optional.of(CondaFile.read(file.get()));
    } catch (IOException | RuntimeException e) {
      notes.add(
          new PythonLaunch.Note(
              Level.WARNING,
              "environment.conda_file: "
                  + file.get()
                  + " cannot be read ("
                  + e.getMessage().lines().findFirst().orElse("")
                  + "); no package was checked"));
      return Optional.empty();
    }
  }
}
