package io.batchscore.service.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Copies files and folders into the workspace under their content's digest.
 *
 * <p>A copy is made in a temporary folder of the store and renamed into place, so a reader never
 * sees half a copy; when two processes store the same content at once, the second rename finds
 * the first one's copy and drops its own.
 */
public final class ArtifactStore {

  private final Path root;

  /** @param root the store's folder ({@code WORKSPACE/artifacts}) */
  public ArtifactStore(Path root) {
    this.root = root;
  }

  /**
   * Stores a copy of a file or folder (its own name kept), or finds the identical copy made
   * before.
   *
   * @param kind {@code models}, {@code code} or {@code data}
   * @param source the file or folder to copy
   * @return the copy
   */
  public StoredArtifact store(String kind, Path source) {
    String name = source.getFileName() == null ? "root" : source.getFileName().toString();
    String sha = digest(source);
    Path target = root.resolve(kind).resolve(sha);
    if (Files.isDirectory(target)) {
      return new StoredArtifact(target, target.resolve(name), sha);
    }
    Path tmp = root.resolve("tmp").resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectories(tmp);
      copyTree(source, tmp.resolve(name));
      Files.createDirectories(target.getParent());
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException raced) {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot copy " + source + " into the workspace: " + e, e);
    }
    return new StoredArtifact(target, target.resolve(name), sha);
  }

  /**
   * @return a new empty folder in the store's temporary area (on the store's file system, so
   *     {@link #storeStaged} can rename it into place)
   * @throws IOException when it cannot be created
   */
  public Path newStagingFolder() throws IOException {
    return Files.createDirectories(root.resolve("tmp").resolve(UUID.randomUUID().toString()));
  }

  /**
   * Stores what a staging folder holds (one file or folder, an upload unpacked there), moving the
   * folder into place, or finds the identical copy made before and deletes the staging folder.
   *
   * @param kind {@code models}, {@code code} or {@code data}
   * @param staging a folder from {@link #newStagingFolder} holding {@code name}
   * @param name the file or folder in it
   * @return the copy, under its own name
   * @throws IOException when the folder cannot be moved or deleted
   */
  public StoredArtifact storeStaged(String kind, Path staging, String name) throws IOException {
    String sha = digest(staging.resolve(name));
    Path target = root.resolve(kind).resolve(sha);
    if (Files.isDirectory(target)) {
      deleteTree(staging);
    } else {
      Files.createDirectories(target.getParent());
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException raced) {
        deleteTree(staging);
      }
    }
    return new StoredArtifact(target, target.resolve(name), sha);
  }

  /**
   * SHA-256 over every regular file under a path, in name order: its relative name, then its
   * bytes.
   *
   * @param source a file or folder
   * @return the digest in hex
   */
  public static String digest(Path source) {
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 16];
    for (Path f : files(source)) {
      String rel = source.relativize(f).toString().replace('\\', '/');
      md.update(rel.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
      md.update((byte) 0);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * SHA-256 of a listing: each regular file's relative name, size and modification time, for
   * data linked in place (a change to the data changes the digest without reading it all).
   *
   * @param source a file or folder
   * @return the digest in hex
   */
  public static String listingDigest(Path source) {
    MessageDigest md = sha256();
    for (Path f : files(source)) {
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        String line =
            source.relativize(f) + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis() + "\n";
        md.update(line.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static List<Path> files(Path source) {
    try (Stream<Path> s = Files.walk(source)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + source + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies a file or a folder tree (regular files and folders; links followed).
   *
   * @param source the file or folder
   * @param target where the copy goes (must not exist)
   * @throws IOException when a file cannot be read or written
   */
  public static void copyTree(Path source, Path target) throws IOException {
    if (Files.isRegularFile(source)) {
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
      return;
    }
    try (Stream<Path> s = Files.walk(source)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else if (Files.isRegularFile(p)) {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /**
   * Deletes a file or folder tree, if it exists.
   *
   * @param path the file or folder
   * @throws IOException when something cannot be deleted
   */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      deleteTree(path);
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
