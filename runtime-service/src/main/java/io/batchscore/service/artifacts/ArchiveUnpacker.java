package io.batchscore.service.artifacts;

import io.batchscore.service.api.WorkspaceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Unpacks a tar archive a client uploaded (gzip-compressed or not) into an empty staging folder.
 * The archive holds one file or one folder (the name a local {@code path} gives it), as {@code tar
 * -C PARENT -czf - NAME} writes it. Refused with a 400 naming the entry: a name that is absolute
 * or holds a {@code ..} segment, a symbolic or hard link, a device or FIFO, an entry outside the
 * single top-level name, an entry given twice. The archive's bytes, as sent and unpacked (headers
 * included), may not exceed the limit ({@link UploadTooLargeException}). Nothing is ever written
 * outside the staging folder; the caller deletes it when unpacking fails.
 */
public final class ArchiveUnpacker {

  private final long maxBytes;

  /** @param maxBytes the most bytes the archive may have, compressed and unpacked */
  public ArchiveUnpacker(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * @param body the request body
   * @param staging an empty folder
   * @return the top-level file's or folder's name, now in {@code staging}
   * @throws UploadTooLargeException when the archive exceeds the limit
   * @throws WorkspaceException (bad request) naming a refused entry, or an archive that is not one
   * @throws IOException when the staging folder cannot be written
   */
  public String unpack(InputStream body, Path staging) throws IOException {
    BoundedInputStream sent = bounded(body);
    BoundedInputStream unpacked = null;
    try {
      InputStream raw = new BufferedInputStream(sent);
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      unpacked = bounded(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
      return unpackTar(new TarArchiveInputStream(unpacked), staging);
    } catch (UploadTooLargeException | WorkspaceException | FileSystemException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      if (sent.getCount() > maxBytes || unpacked != null && unpacked.getCount() > maxBytes) {
        throw new UploadTooLargeException(maxBytes);
      }
      throw WorkspaceException.badRequest(
          "upload: not a readable tar or tar.gz archive ("
              + Objects.toString(e.getMessage(), e.getClass().getSimpleName())
              + ")");
    }
  }

  private BoundedInputStream bounded(InputStream in) throws IOException {
    return BoundedInputStream.builder()
        .setInputStream(in)
        .setMaxCount(maxBytes + 1)
        .setPropagateClose(false)
        .setOnMaxCount(
            (max, count) -> {
              throw new UploadTooLargeException(maxBytes);
            })
        .get();
  }

  private static String unpackTar(TarArchiveInputStream tar, Path staging) throws IOException {
    String top = null;
    for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
      String name = entry.getName();
      Path relative = relative(name);
      if (relative == null) {
        continue;
      }
      String first = relative.getName(0).toString();
      if (top == null) {
        top = first;
      } else if (!top.equals(first)) {
        throw refused(
            name, "lies outside '" + top + "'; the archive must hold one file or" + " folder");
      }
      Path target = staging.resolve(relative).normalize();
      if (!target.startsWith(staging) || target.equals(staging)) {
        throw refused(name, "would be written outside the upload's folder");
      }
      if (entry.isSymbolicLink()) {
        throw refused(
            name,
            "is a symbolic link (to '"
                + entry.getLinkName()
                + "'); links are"
                + " not accepted, upload the file itself");
      }
      if (entry.isLink()) {
        throw refused(
            name,
            "is a hard link (to '"
                + entry.getLinkName()
                + "'); links are not"
                + " accepted, upload the file itself");
      }
      if (!entry.isDirectory() && !isRegularFile(entry)) {
        throw refused(
            name, "is not a file or a folder (tar type '" + (char) entry.getLinkFlag() + "')");
      }
      try {
        if (entry.isDirectory()) {
          if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString());
          }
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      } catch (FileAlreadyExistsException | NotDirectoryException e) {
        throw refused(name, "clashes with an entry given before it");
      }
    }
    if (top == null) {
      throw WorkspaceException.badRequest("upload: the archive holds no file or folder");
    }
    return top;
  }

  private static boolean isRegularFile(TarArchiveEntry entry) {
    byte flag = entry.getLinkFlag();
    return flag == TarConstants.LF_NORMAL
        || flag == TarConstants.LF_OLDNORM
        || flag == TarConstants.LF_CONTIG;
  }

  /** @return the entry's name as a relative path without {@code .} segments; null for {@code .} */
  private static Path relative(String name) {
    if (name.isEmpty()) {
      throw refused(name, "has no name");
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw refused(name, "is an absolute name; entries must be relative to the upload");
    }
    Path relative = Path.of("");
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw refused(name, "holds '..'; entries must not climb out of the upload");
      }
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
        throw refused(name, "holds a backslash or NUL; names are '/'-separated");
      }
      try {
        relative = relative.resolve(segment);
      } catch (InvalidPathException e) {
        throw refused(name, "is not a valid file name");
      }
    }
    return relative.toString().isEmpty() ? null : relative;
  }

  private static WorkspaceException refused(String name, String why) {
    return WorkspaceException.badRequest("upload: entry '" + name + "' " + why);
  }
}
