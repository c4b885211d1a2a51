package io.batchscore.core.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Lists the regular files under a folder, recursively, in a stable order: within each folder,
 * entries sorted by name, a sub-folder's files where the sub-folder sorts. Lazy: it holds one
 * folder's listing per level of depth at a time, never the whole tree. Hidden files (names
 * starting with '.') are skipped.
 */
final class SortedFileWalker implements Iterator<Path> {

  /** Pending entries of each open folder, deepest last. */
  private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
  private Path next;
  private BasicFileAttributes nextAttributes;
  private BasicFileAttributes lastAttributes;

  SortedFileWalker(Path root) {
    stack.push(sortedChildren(root));
    advance();
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
        if (!p.getFileName().toString().startsWith(".")) {
          children.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input folder " + dir + ": " + e.getMessage(), e);
    }
    // each name once, not twice per comparison (n log n Strings for a folder of n files)
    String[] names = new String[children.size()];
    Integer[] order = new Integer[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = children.get(i).getFileName().toString();
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
    List<Path> sorted = new ArrayList<>(names.length);
    for (Integer i : order) {
      sorted.add(children.get(i));
    }
    return sorted.iterator();
  }
}
