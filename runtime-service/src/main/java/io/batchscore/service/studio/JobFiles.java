package io.batchscore.service.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A job's output folder as the studio serves it. Every file is named by a path relative to the
 * folder; {@link #resolve} refuses an absolute path, a {@code ..} segment and a path whose real
 * location (symbolic links followed) is outside the folder, since a scorer can plant links in its
 * output. The listing and the zip never follow a link out of the folder either.
 */
final class JobFiles {

  /** Entries listed at most, so a job with millions of files still gets a page. */
  static final int MAX_ENTRIES = 5000;

  private final Path root;

  /**
   * @param jobDir the job's output folder
   * @throws StudioException 404 when the folder does not exist (yet)
   */
  JobFiles(Path jobDir) {
    try {
      this.root = jobDir.toRealPath();
    } catch (IOException e) {
      throw StudioException.notFound("the job's output folder does not exist yet");
    }
  }

  /**
   * One file or folder of the listing.
   *
   * @param path its path relative to the job's folder, with {@code /}
   * @param depth how deep it is (0 at the top)
   * @param folder whether it is a folder
   * @param size its size in bytes (files)
   * @param servable whether the studio opens it (false for a link leading out)
   */
  record Entry(String path, int depth, boolean folder, long size, boolean servable) {
    /** @return the last segment of the path */
    String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  /**
   * @param relative a path relative to the job's folder, as a request names it
   * @return the real path of that file or folder, inside the job's folder
   * @throws StudioException 403 for an absolute path, {@code ..} or a link leading out; 404 when
   *     nothing is there
   */
  Path resolve(String relative) {
    if (relative == null || relative.isEmpty()) {
      return root;
    }
    if (relative.startsWith("/")
        || relative.startsWith("\\")
        || relative.contains("\\")
        || relative.indexOf('\0') >= 0
        || (relative.length() > 1 && relative.charAt(1) == ':')) {
      throw StudioException.forbidden(
          "refused: absolute paths are not served, only paths" + " relative to the job's folder");
    }
    for (String segment : relative.split("/")) {
      if (segment.equals("..")) {
        throw StudioException.forbidden("refused: '..' is not allowed in a path");
      }
    }
    Path candidate = root.resolve(relative).normalize();
    if (!candidate.startsWith(root)) {
      throw StudioException.forbidden("refused: the path leads out of the job's folder");
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(candidate)) {
        throw StudioException.forbidden(
            "refused: a link that leads nowhere inside the job's" + " folder");
      }
      throw StudioException.notFound("no such file in the job's folder: " + relative);
    } catch (IOException e) {
      throw StudioException.notFound("cannot read " + relative + ": " + e.getMessage());
    }
    if (!real.startsWith(root)) {
      throw StudioException.forbidden(
          "refused: the path is a link leading out of the job's" + " folder");
    }
    return real;
  }

  /**
   * @param relative a path relative to the job's folder
   * @return the file there, which must be a regular file
   */
  Path file(String relative) {
    Path p = resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw StudioException.notFound("not a file: " + relative);
    }
    return p;
  }

  /** @return the folder's files and folders, depth first in name order, without following links */
  List<Entry> list() {
    List<Entry> out = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root)) {
                out.add(new Entry(relative(dir), depth(dir), true, 0, true));
              }
              return out.size() >= MAX_ENTRIES
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              boolean servable = !attrs.isSymbolicLink() || inside(file);
              out.add(new Entry(relative(file), depth(file), false, attrs.size(), servable));
              return out.size() >= MAX_ENTRIES
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  /**
   * Writes the folder as a zip: regular files, and links whose target is a file inside the
   * folder; links leading out are left out.
   *
   * @param out where the zip goes
   * @throws IOException when a file cannot be read or the stream written
   */
  void zip(OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Entry e : list()) {
        if (e.folder() || !e.servable()) {
          continue;
        }
        Path real;
        try {
          real = resolve(e.path());
        } catch (StudioException refused) {
          continue;
        }
        if (!Files.isRegularFile(real)) {
          continue;
        }
        zip.putNextEntry(new ZipEntry(e.path()));
        try (InputStream in = Files.newInputStream(real)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
  }

  /**
   * Reads a file from an offset, for following a growing log.
   *
   * @param relative a path relative to the job's folder
   * @param offset where to start
   * @param max bytes read at most
   * @return the bytes read (possibly ending inside a UTF-8 character; the caller keeps the
   *     offset in bytes)
   * @throws IOException when the file cannot be read
   */
  byte[] read(String relative, long offset, int max) throws IOException {
    Path p = file(relative);
    try (SeekableByteChannel ch = Files.newByteChannel(p)) {
      long size = ch.size();
      if (offset >= size) {
        return new byte[0];
      }
      ch.position(Math.max(0, offset));
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(max, size - offset));
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read until full or at the end
      }
      byte[] bytes = new byte[buf.position()];
      buf.flip().get(bytes);
      return bytes;
    }
  }

  private boolean inside(Path link) {
    try {
      return link.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false;
    }
  }

  private String relative(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private int depth(Path p) {
    return root.relativize(p).getNameCount() - 1;
  }
}
