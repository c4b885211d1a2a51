package io.batchscore.service.remote;

import io.batchscore.service.api.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The client's token: {@code BATCHSCORE_TOKEN}, else the file {@code ~/.batchscore/credentials}
 * (or {@code BATCHSCORE_CREDENTIALS}) holding the token alone, which must not be readable by
 * others (mode 0600). The token is never printed.
 */
public final class Credentials {

  private Credentials() {}

  /**
   * @param env the environment
   * @return the token
   * @throws WorkspaceException naming where a token was looked for, or the file's wrong mode
   */
  public static String token(Map<String, String> env) {
    String token = env.get("BATCHSCORE_TOKEN");
    if (token != null && !token.isBlank()) {
      return token.trim();
    }
    String location = env.get("BATCHSCORE_CREDENTIALS");
    Path file =
        location != null && !location.isBlank()
            ? Path.of(location)
            : Path.of(System.getProperty("user.home"), ".batchscore", "credentials");
    if (!Files.isRegularFile(file)) {
      throw WorkspaceException.badRequest(
          "no token: set BATCHSCORE_TOKEN or write one to "
              + file
              + " (mode 0600); batchscore token create makes one");
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!PosixFilePermissions.fromString("rw-------").containsAll(permissions)) {
        throw WorkspaceException.badRequest(
            file
                + " is readable by others ("
                + PosixFilePermissions.toString(permissions)
                + "): chmod 600 it");
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw WorkspaceException.badRequest("cannot read " + file + ": " + e.getMessage());
    }
  }
}
