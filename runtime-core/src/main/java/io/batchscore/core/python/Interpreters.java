package io.batchscore.core.python;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which Python interpreter runs a deployment's script: {@code environment.python} (ours), else
 * the {@code BATCHSCORE_PYTHON} variable, else {@code python3} on the PATH. A name with a slash
 * is a path (relative to the deployment file's folder when it comes from the file); a bare name
 * is looked up on the PATH.
 */
final class Interpreters {

  static final String VARIABLE = "BATCHSCORE_PYTHON";

  private Interpreters() {}

  /**
   * @param d the deployment
   * @param env the launcher's environment
   * @return the interpreter's path
   * @throws DeploymentException when it is not there or not executable
   */
  static String resolve(Deployment d, Map<String, String> env) {
    String source = source(d, env);
    String name;
    Path base;
    if (d.environment().python().isPresent()) {
      name = d.environment().python().get();
      base = d.source().getParent();
    } else if (!env.getOrDefault(VARIABLE, "").isBlank()) {
      name = env.get(VARIABLE).strip();
      base = Path.of("").toAbsolutePath();
    } else {
      name = "python3";
      base = null;
    }
    if (name.contains("/")) {
      Path p = base.resolve(name).toAbsolutePath().normalize();
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new DeploymentException(source + ": " + p + " is not an executable file");
      }
      return p.toString();
    }
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.toAbsolutePath().toString();
      }
    }
    throw new DeploymentException(
        source
            + ": no "
            + name
            + " on the PATH; install Python 3,"
            + " or name an interpreter with environment.python in the deployment file or the "
            + VARIABLE
            + " variable");
  }

  /** @return where the interpreter's name comes from, for messages */
  static String source(Deployment d, Map<String, String> env) {
    if (d.environment().python().isPresent()) {
      return d.source().getFileName() + ": environment.python";
    }
    return env.getOrDefault(VARIABLE, "").isBlank() ? "python3 on the PATH" : VARIABLE;
  }
}
