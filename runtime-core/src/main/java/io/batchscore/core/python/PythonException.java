package io.batchscore.core.python;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * A Python scoring script's {@code init}, {@code run} or {@code shutdown} raised: the message is
 * the Python exception's type and message; the stack trace printed (into the worker's error log)
 * is the Python traceback.
 */
public final class PythonException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String pythonType;
  private final String traceback;

  /**
   * @param pythonType the exception's class name, such as {@code ValueError}
   * @param message the exception's message, with any hint of ours
   * @param traceback the Python traceback, as {@code traceback.format_exception} writes it
   */
  public PythonException(String pythonType, String message, String traceback) {
    super(pythonType + (message.isEmpty() ? "" : ": " + message), null, false, false);
    this.pythonType = pythonType;
    this.traceback = traceback;
  }

  /** @return the Python exception's class name */
  public String pythonType() {
    return pythonType;
  }

  /** @return the Python traceback */
  public String traceback() {
    return traceback;
  }

  @Override
  public void printStackTrace(PrintWriter s) {
    s.println(traceback.isEmpty() ? toString() : traceback);
  }

  @Override
  public void printStackTrace(PrintStream s) {
    s.println(traceback.isEmpty() ? toString() : traceback);
  }
}
