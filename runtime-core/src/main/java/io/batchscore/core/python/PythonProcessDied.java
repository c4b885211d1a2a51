package io.batchscore.core.python;

/**
 * The Python driver process ended (exited, crashed or was killed) while a request was in flight.
 * The message carries the exit status, and the signal when it was killed by one.
 */
public final class PythonProcessDied extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param pid the process id
   * @param status its exit status; 128 + N when signal N killed it; -1 when unknown
   * @param detail what broke, if known
   */
  public PythonProcessDied(long pid, int status, String detail) {
    super(
        "the Python process (pid "
            + pid
            + ") "
            + (status < 0 ? "stopped answering" : "exited with status " + status + signal(status))
            + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
    this.status = status;
  }

  /** @return the exit status; -1 when unknown */
  public int status() {
    return status;
  }

  private static String signal(int status) {
    if (status <= 128 || status > 128 + 64) {
      return "";
    }
    int signal = status - 128;
    String name =
        switch (signal) {
          case 6 -> " SIGABRT";
          case 9 -> " SIGKILL";
          case 11 -> " SIGSEGV";
          case 15 -> " SIGTERM";
          default -> "";
        };
    return " (killed by signal " + signal + name + ")";
  }
}
