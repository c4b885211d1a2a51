package io.batchscore.service.remote;

import io.batchscore.service.api.WorkspaceException;
import java.nio.file.Path;

/** The client's local paths: which values are ones, made absolute; and downloads kept in. */
final class LocalPaths {

  private LocalPaths() {}

  /**
   * @param value a document's or invocation's path value
   * @return whether it names a local file ({@code azureml:} references and URLs do not)
   */
  static boolean isLocal(String value) {
    return !value.startsWith("azureml:")
        && !(value.contains("://") && !value.startsWith("file://"));
  }

  /** @return the local path a value names ({@code file:} prefix allowed), absolute */
  static Path resolve(String value, Path baseDir) {
    String v =
        value.startsWith("file://")
            ? value.substring(7)
            : value.startsWith("file:") ? value.substring(5) : value;
    Path path = Path.of(v);
    return (baseDir == null || path.isAbsolute() ? path : baseDir.resolve(path))
        .toAbsolutePath()
        .normalize();
  }

  /** @return a reference or URL as it is, a local path made absolute */
  static String absolute(String uri, Path baseDir) {
    return isLocal(uri) ? resolve(uri, baseDir).toString() : uri;
  }

  /** @return {@code dir/relative}, refusing a name the server sent that would leave {@code dir} */
  static Path inside(Path dir, String relative) {
    Path target = dir.resolve(relative).normalize();
    if (!target.startsWith(dir.normalize()) || Path.of(relative).isAbsolute()) {
      throw WorkspaceException.badRequest(
          "the server sent an output name outside the download" + " folder: " + relative);
    }
    return target;
  }
}
