package io.batchscore.service.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders under which the server may open local paths named in requests: the workspace, and
 * each {@code --allow-path DIR}. A path is refused when it is relative, holds a {@code ..} segment,
 * lies outside every root, or leads outside them through a symbolic link (the real path of its
 * deepest existing part is checked against the roots' real paths). These rules apply only to paths
 * the server opens on a client's behalf; the CLI on the server's own machine is not limited.
 *
 * <p>The check happens when a request is accepted; a link created later under an allowed root is
 * not seen, so the roots should be folders that clients cannot write links into by other means.
 */
public final class AllowedRoots {

  private final List<Path> roots;

  private AllowedRoots(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /**
   * @param workspace the workspace folder, always allowed
   * @param allowed the {@code --allow-path} folders
   * @return the roots, each by its real path
   * @throws IllegalArgumentException naming a root that is not an existing folder
   */
  public static AllowedRoots of(Path workspace, List<Path> allowed) {
    List<Path> roots = new ArrayList<>();
    List<Path> all = new ArrayList<>();
    all.add(workspace);
    all.addAll(allowed);
    for (Path root : all) {
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException("--allow-path " + root + ": not an existing folder");
      }
      try {
        roots.add(root.toRealPath());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot resolve --allow-path " + root, e);
      }
    }
    return new AllowedRoots(roots);
  }

  /** @return the roots' real paths */
  public List<Path> roots() {
    return roots;
  }

  /**
   * @param field the request field that named the path (for the message)
   * @param path the path as the client wrote it
   * @return the path, normalized, with its existing part resolved to its real path
   * @throws PathForbiddenException naming the field and the rule broken
   */
  public Path check(String field, String path) {
    Path given = Path.of(path);
    if (!given.isAbsolute()) {
      throw new PathForbiddenException(
          field
              + ": '"
              + path
              + "' is relative; local paths in a"
              + " request must be absolute and under an allowed root (--allow-path)");
    }
    for (Path part : given) {
      if (part.toString().equals("..")) {
        throw new PathForbiddenException(
            field
                + ": '"
                + path
                + "' holds '..'; local paths in a"
                + " request must not climb out of a folder");
      }
    }
    Path normal = given.normalize();
    if (roots.stream().noneMatch(normal::startsWith)) {
      throw new PathForbiddenException(
          field
              + ": '"
              + path
              + "' is outside the allowed roots;"
              + " the server was started with "
              + roots
              + " (--allow-path)");
    }
    Path real = realPathOfExistingPart(normal);
    if (roots.stream().noneMatch(real::startsWith)) {
      throw new PathForbiddenException(
          field + ": '" + path + "' leads outside the allowed roots" + " through a symbolic link");
    }
    return real;
  }

  private static Path realPathOfExistingPart(Path normal) {
    Path existing = normal;
    Path rest = null;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return normal;
    }
    try {
      Path real = existing.toRealPath();
      return rest == null ? real : real.resolve(rest);
    } catch (IOException e) {
      // a dangling link: its target cannot be checked, so it is refused
      return Path.of("/dangling-link").resolve(normal.getRoot().relativize(normal));
    }
  }
}
