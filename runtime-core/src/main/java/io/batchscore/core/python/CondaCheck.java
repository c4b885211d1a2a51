package io.batchscore.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.core.deployment.Deployment;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the interpreter's answer about a conda file's packages into log lines: one warning naming
 * the packages it cannot import (BatchScore builds no conda environment), and one line with the
 * versions found next to those the file asks for.
 */
final class CondaCheck {

  private CondaCheck() {}

  /**
   * @param d the deployment
   * @param conda the conda file's contents
   * @param found the driver's answer for each of {@code conda.packages()}, in order
   * @param interpreter the interpreter, described
   * @return the warning (when a package is missing) and the versions line
   */
  static List<PythonLaunch.Note> notes(
      Deployment d, CondaFile.Contents conda, List<JsonNode> found, String interpreter) {
    String file = d.environment().condaFile().map(Object::toString).orElse("");
    List<String> missing = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    if (!conda.python().isEmpty()) {
      versions.add(
          "python "
              + interpreter.replaceAll(".*\\(Python ([^)]*)\\).*", "$1")
              + " (file: "
              + conda.python()
              + ")");
    }
    for (int i = 0; i < conda.packages().size(); i++) {
      CondaFile.Package p = conda.packages().get(i);
      JsonNode answer = i < found.size() ? found.get(i) : null;
      String wanted = p.version().isEmpty() ? "" : " (file: " + p.version() + ")";
      if (answer == null || !answer.path("found").asBoolean()) {
        missing.add(p.name() + (p.version().isEmpty() ? "" : " " + p.version()));
      } else {
        String version =
            answer.path("version").isTextual()
                ? answer.path("version").asText()
                : "version unknown";
        versions.add(p.name() + " " + version + wanted);
      }
    }
    List<PythonLaunch.Note> notes = new ArrayList<>();
    if (!missing.isEmpty()) {
      notes.add(
          new PythonLaunch.Note(
              Level.WARNING,
              "environment.conda_file "
                  + file
                  + ": BatchScore does not build conda environments, and "
                  + interpreter
                  + " cannot import "
                  + String.join(", ", missing)));
    }
    notes.add(
        new PythonLaunch.Note(
            Level.INFO,
            "environment.conda_file "
                + file
                + " checked"
                + " against "
                + interpreter
                + ": "
                + (versions.isEmpty() ? "no package found" : String.join(", ", versions))));
    return notes;
  }
}
