package io.batchscore.core.deployment;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a deployment's {@code environment} says that a Python scoring script needs here; Java
 * scorers ignore it.
 *
 * @param python {@code environment.python} (ours): the interpreter, a path (relative ones resolve
 *     against the deployment file's folder) or a command name looked up on the PATH
 * @param condaFile {@code environment.conda_file}: checked against the interpreter, never built
 */
public record ScriptEnvironment(Optional<String> python, Optional<Path> condaFile) {

  /** No interpreter named and no conda file. */
  public static final ScriptEnvironment NONE =
      new ScriptEnvironment(Optional.empty(), Optional.empty());
}
