package io.batchscore.service.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The workspace's token signing key: 256 random bits in {@code <workspace>/auth/signing.key},
 * created with mode 0600 (in a 0700 folder) the first time a token is made or a server starts.
 * Whoever can read this file can make tokens of any role: file access to the workspace is the root
 * of trust. The key's bytes are never printed, logged or put in an exception message.
 *
 * <p>Two processes creating the key at once both end with the same key: each writes its own
 * temporary file and links it to the final name, which only one link can win.
 */
public final class SigningKey {

  static final String FOLDER = "auth";
  static final String FILE = "signing.key";
  private static final int BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private final byte[] secret;

  private SigningKey(byte[] secret) {
    this.secret = secret;
  }

  /**
   * Reads the workspace's key, creating it if there is none.
   *
   * @param workspace the workspace folder
   * @return the key
   * @throws IllegalStateException naming the file if it is damaged or readable by others
   */
  public static SigningKey openOrCreate(Path workspace) {
    Path file = file(workspace);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the signing key " + file, e);
    }
  }

  /**
   * @param workspace the workspace folder
   * @return where its key is kept
   */
  public static Path file(Path workspace) {
    return workspace.resolve(FOLDER).resolve(FILE);
  }

  /** @return a copy of the key's bytes, for the HMAC signer and verifier */
  byte[] bytes() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "SigningKey[****]";
  }

  private static void create(Path file) throws IOException {
    Path folder = file.getParent();
    if (!Files.isDirectory(folder)) {
      try {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
      } catch (FileAlreadyExistsException raced) {
        // made by another process meanwhile
      }
    }
    byte[] secret = new byte[BYTES];
    new SecureRandom().nextBytes(secret);
    Path temp =
        Files.createTempFile(
            folder, FILE, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    try {
      Files.write(temp, secret, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException raced) {
      // another process made the key first; use its key
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static SigningKey read(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY_FILE.containsAll(permissions)) {
      throw new IllegalStateException(
          "signing key "
              + file
              + " is readable by others ("
              + PosixFilePermissions.toString(permissions)
              + "): chmod 600 it");
    }
    byte[] secret = Files.readAllBytes(file);
    if (secret.length != BYTES) {
      throw new IllegalStateException(
          "signing key "
              + file
              + " is damaged: expected "
              + BYTES
              + " bytes, found "
              + secret.length);
    }
    return new SigningKey(secret);
  }
}
