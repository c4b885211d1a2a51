package io.batchscore.service.studio;

/** A request the studio refuses, with the HTTP status and a message fit to show the user. */
final class StudioException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  StudioException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** @return the HTTP status */
  int status() {
    return status;
  }

  static StudioException forbidden(String message) {
    return new StudioException(403, message);
  }

  static StudioException notFound(String message) {
    return new StudioException(404, message);
  }
}
