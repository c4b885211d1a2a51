package io.batchscore.core.scorer;

/** One line naming an error, for logs, {@code job_error.txt} and the failed items' reasons. */
public final class ErrorLine {

  private ErrorLine() {}

  /**
   * @param t an error, from user code or the runtime
   * @return its type and message, and its root cause's, on one line
   */
  public static String of(Throwable t) {
    String s = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t) {
      s +=
          " (caused by "
              + root.getClass().getName()
              + (root.getMessage() == null ? "" : ": " + root.getMessage())
              + ")";
    }
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
