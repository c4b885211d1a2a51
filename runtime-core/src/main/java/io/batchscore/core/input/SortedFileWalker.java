package io.batchscore.core.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
 */
final class SortedFileWalker implements Iterator<Path> {

  /** Pending entries of each open folder, deepest last. */
  private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
  private final boolean single;
  private Path next;
  private BasicFileAttributes nextAttributes;
  private BasicFileAttributes lastAttributes;

  /** @param input a folder, or a single file */
  SortedFileWalker(Path input) {
    single = !Files.isDirectory(input);
    if (single) {
      next = input; // its attributes are read when it is taken
    } else {
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
        continue;
      }
      Path p = top.next();
      BasicFileAttributes a;
      try { // one stat (following links, as Files.isDirectory/isRegularFile do), not two
        a = Files.readAttributes(p, BasicFileAttributes.class);
      } catch (IOException gone) {
        continue; // neither a folder nor a file now: skipped, as before
      }
      if (a.isDirectory()) {
        stack.push(sortedChildren(p));
      } else if (a.isRegularFile()) {
        next = p;
        nextAttributes = a;
        return;
      }
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
