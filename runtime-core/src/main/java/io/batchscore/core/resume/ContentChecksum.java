package io.batchscore.core.resume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A checksum of a file or a folder's files: each regular file's path (relative to the folder),
 * size, modification time and contents, in path order, through CRC-32C and CRC-32 (64 bits, both
 * intrinsics: a few hundred megabytes of model or jars take a fraction of a second). A resumed job compares
 * the scorer code's and the model's with those the interrupted job recorded, so rows of another
 * code or model are not appended to its output. Folder links are not followed; {@code
 * __pycache__} folders (which Python writes beside the scripts it runs) are left out.
 */
public final class ContentChecksum {

  private ContentChecksum() {}

  /**
   * @param path a file or folder
   * @param skip folders under {@code path} left out: the job's output folder (whose files change
   *     as the job runs, and whose lock file the job must not open and close) and its input
   * @return {@code crc:<16 hex digits>}
   * @throws IOException when a file cannot be read
   */
  public static String of(Path path, Path... skip) throws IOException {
    Path root = path.toAbsolutePath().normalize();
    Set<Path> skipped = new HashSet<>();
    for (Path p : skip) {
      skipped.add(p.toAbsolutePath().normalize());
    }
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
            return skipped.contains(dir) || dir.endsWith("__pycache__") // Python's own byte code
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
            if (a.isRegularFile() || Files.isRegularFile(file)) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    CRC32C crc32c = new CRC32C();
    CRC32 crc32 = new CRC32();
    byte[] buffer = new byte[1 << 16];
    for (Path f : files) {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      String rel = f.equals(root) ? "" : root.relativize(f).toString();
      byte[] meta =
          (rel + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis() + "\0")
              .getBytes(StandardCharsets.UTF_8);
      crc32c.update(meta);
      crc32.update(meta);
      try (InputStream in = Files.newInputStream(f)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          crc32c.update(buffer, 0, n);
          crc32.update(buffer, 0, n);
        }
      }
    }
    return "crc:"
        + HexFormat.of().toHexDigits((int) crc32c.getValue())
        + HexFormat.of().toHexDigits((int) crc32.getValue());
  }
}
