package io.batchscore.core.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Lists the regular files under a folder, recursively, in a stable order: within each folder,
 * entries sorted by name, a sub-folder's files where the sub-folder sorts. Lazy: it holds one
 * folder's listing per level of depth at a time, never the whole tree. Hidden files (names
 * starting with '.') are skipped. An input that is not a folder is listed alone, as it is.
 *
 * <p>Links are followed, except a folder link to a folder on the path being listed (a loop such
 * as {@code loop/up -> ..}, which would list the same files without end). Such loops, links to
 * nothing, FIFOs, sockets and devices, and sub-folders or entries that cannot be read are passed
 * over and reported to {@link SkippedEntries}.
 */
final class SortedFileWalker implements Iterator<Path> {

  /** Pending entries of each open folder, deepest last. */
  private final Deque<Iterator<Path>> stack = new ArrayDeque<>();

  /** The file keys of the folders whose entries {@link #stack} holds, deepest last. */
  private final Deque<Object> folders = new ArrayDeque<>();

  private final SkippedEntries skipped;
  private final boolean single;
  private Path next;
  private BasicFileAttributes nextAttributes;
  private BasicFileAttributes lastAttributes;

  /** @param input a folder, or a single file */
  SortedFileWalker(Path input) {
    this(input, SkippedEntries.counting());
  }

  /**
   * @param input a folder, or a single file
   * @param skipped told of every entry passed over
   */
  SortedFileWalker(Path input, SkippedEntries skipped) {
    this.skipped = skipped;
    single = !Files.isDirectory(input);
    if (single) {
      next = input; // its attributes are read when it is taken
    } else {
      try {
        folders.push(key(input, Files.readAttributes(input, BasicFileAttributes.class)));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read input folder " + input + ": " + e.getMessage(), e);
      }
      stack.push(sortedChildren(input));
      advance();
    }
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Path next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    Path p = next;
    if (single) {
      next = null;
      try {
        lastAttributes = Files.readAttributes(p, BasicFileAttributes.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read input file " + p + ": " + e.getMessage(), e);
      }
      return p;
    }
    lastAttributes = nextAttributes;
    advance();
    return p;
  }

  private void advance() {
    next = null;
    while (!stack.isEmpty()) {
      Iterator<Path> top = stack.peek();
      if (!top.hasNext()) {
        stack.pop();
        folders.pop();
        continue;
      }
      Path p = top.next();
      BasicFileAttributes a;
      try { // one stat (following links, as Files.isDirectory/isRegularFile do), not two
        a = Files.readAttributes(p, BasicFileAttributes.class);
      } catch (IOException e) {
        skipUnreadable(p, e);
        continue;
      }
      if (a.isDirectory()) {
        Object key = key(p, a);
        if (folders.contains(key)) {
          skipped.skip(p, SkippedEntries.LOOP, "leads back to a folder being listed");
          continue;
        }
        Iterator<Path> children;
        try {
          children = sortedChildren(p);
        } catch (UncheckedIOException e) {
          skipped.skip(p, SkippedEntries.UNREADABLE, e.getCause().toString());
          continue;
        }
        stack.push(children);
        folders.push(key);
      } else if (a.isRegularFile()) {
        String name = p.toString(); // cached by the path
        if (name.indexOf('\uFFFD') >= 0 && !p.equals(p.getFileSystem().getPath(name))) {
          skipped.notUtf8(p); // its bytes did not decode: the path still opens it
        }
        next = p;
        nextAttributes = a;
        return;
      } else {
        skipped.skip(p, SkippedEntries.SPECIAL, a.isOther() ? "FIFO, socket or device" : "");
      }
    }
  }

  private void skipUnreadable(Path p, IOException e) {
    try {
      if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isSymbolicLink()) {
        skipped.skip(p, SkippedEntries.DANGLING, "its target does not exist");
        return;
      }
    } catch (IOException gone) {
      return; // removed since the folder was listed: not an entry any more
    }
    skipped.skip(p, SkippedEntries.UNREADABLE, e.toString());
  }

  /** @return what identifies the folder, whatever path leads to it */
  private static Object key(Path dir, BasicFileAttributes a) {
    if (a.fileKey() != null) {
      return a.fileKey();
    }
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  /** @return the attributes of the file {@link #next} returned last, as it was listed */
  BasicFileAttributes attributes() {
    return lastAttributes;
  }

  private static Iterator<Path> sortedChildren(Path dir) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (!isHidden(p)) {
          children.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input folder " + dir + ": " + e.getMessage(), e);
    }
    // Siblings share their folder's path, so the paths' own order (their bytes, that is UTF-8:
    // Unicode code point order, as Python sorts names) is their names' order; and it compares
    // without making a name String per child or boxing indices, which cost more than the
    // listing itself at 10,000 files.
    Path[] sorted = children.toArray(new Path[0]);
    Arrays.sort(sorted);
    return Arrays.asList(sorted).iterator();
  }

  /** @return true when the entry's name starts with '.' */
  private static boolean isHidden(Path p) {
    String s = p.toString(); // cached by the path; getFileName() would make a path and a String
    int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf(java.io.File.separatorChar));
    return slash + 1 < s.length() && s.charAt(slash + 1) == '.';
  }
}
