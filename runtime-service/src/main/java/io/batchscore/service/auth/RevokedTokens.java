package io.batchscore.service.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids ({@code jti}) of revoked tokens, one a line in {@code <workspace>/auth/revoked-tokens}.
 * {@code token revoke} appends under a file lock; a running server sees the line at its next
 * request, because {@link #isRevoked} rereads the file whenever its size or modification time
 * changed. The file survives restarts as the key does.
 *
 * <p>Thread-safe: the cached set is replaced whole under this object's lock.
 */
public final class RevokedTokens {

  static final String FILE = "revoked-tokens";

  private final Path file;
  private Set<String> ids = Set.of();
  private FileTime readModified;
  private long readSize = -1;

  /** @param workspace the workspace folder */
  public RevokedTokens(Path workspace) {
    this.file = workspace.resolve(SigningKey.FOLDER).resolve(FILE);
  }

  /**
   * Revokes a token for good.
   *
   * @param tokenId the token's id, as {@code token create} printed it
   */
  public void revoke(String tokenId) {
    if (tokenId.isBlank() || tokenId.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("token id '" + tokenId + "' is not a token id");
    }
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = channel.lock()) {
        channel.write(StandardCharsets.UTF_8.encode(tokenId + "\n"));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * @param tokenId a token's id
   * @return whether it was revoked, as of the file's current contents
   */
  public synchronized boolean isRevoked(String tokenId) {
    try {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (java.nio.file.NoSuchFileException none) {
        return false;
      }
      if (attributes.size() != readSize || !attributes.lastModifiedTime().equals(readModified)) {
        ids = new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        readSize = attributes.size();
        readModified = attributes.lastModifiedTime();
      }
      return ids.contains(tokenId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
