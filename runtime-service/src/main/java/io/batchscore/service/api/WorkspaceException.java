package io.batchscore.service.api;

/**
 * An error the caller caused (bad YAML, unknown resource, a conflict), with a one-line message
 * naming the resource, file, key or path. Nothing was changed in the workspace when it is thrown.
 */
public final class WorkspaceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of error, so that a REST layer can pick its status (400, 404, 409). */
  public enum Kind {
    /** The request itself is wrong: bad YAML, bad key, bad value, unreadable path. */
    BAD_REQUEST,
    /** A named resource (model, version, endpoint, deployment, job, data asset) does not exist. */
    NOT_FOUND,
    /** The request conflicts with the workspace's state (exists already, in use, still running). */
    CONFLICT
  }

  private final Kind kind;

  /**
   * @param kind what kind of error
   * @param message one line naming the resource, file, key or path
   */
  public WorkspaceException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * @param message one line naming the resource, file, key or path
   * @return a {@link Kind#BAD_REQUEST} error
   */
  public static WorkspaceException badRequest(String message) {
    return new WorkspaceException(Kind.BAD_REQUEST, message);
  }

  /**
   * @param message one line naming the resource
   * @return a {@link Kind#NOT_FOUND} error
   */
  public static WorkspaceException notFound(String message) {
    return new WorkspaceException(Kind.NOT_FOUND, message);
  }

  /**
   * @param message one line naming the resource and the conflict
   * @return a {@link Kind#CONFLICT} error
   */
  public static WorkspaceException conflict(String message) {
    return new WorkspaceException(Kind.CONFLICT, message);
  }

  /** @return what kind of error */
  public Kind kind() {
    return kind;
  }
}
