package io.batchscore.service.http;

import java.nio.file.Path;

/** Where the workspace is: {@code --workspace}, else {@code BATCHSCORE_WORKSPACE}, else home. */
final class WorkspaceDirs {

  private WorkspaceDirs() {}

  static Path resolve(Path option) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String env = System.getenv("BATCHSCORE_WORKSPACE");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return Path.of(System.getProperty("user.home"), ".batchscore", "workspace");
  }
}
