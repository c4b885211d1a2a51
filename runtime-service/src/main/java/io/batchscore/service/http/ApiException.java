package io.batchscore.service.http;

/**
 * An error a client caused, answered as {@code {"error": {"code": ..., "message": ...}}} with its
 * HTTP status. The message names the field, resource or rule; it is sent as it is, so it must
 * never hold a secret.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * @param status the HTTP status
   * @param code a short code ({@code BadRequest}, {@code NotFound}, ...)
   * @param message what is wrong, naming the field or resource
   */
  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the error's code */
  public String code() {
    return code;
  }

  /**
   * @param message what is wrong with the request, naming the field
   * @return a 400
   */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message);
  }

  /**
   * @param message which resource is missing
   * @return a 404
   */
  public static ApiException notFound(String message) {
    return new ApiException(404, "NotFound", message);
  }

  /**
   * @param message the rule the request breaks
   * @return a 403
   */
  public static ApiException forbidden(String message) {
    return new ApiException(403, "Forbidden", message);
  }
}
