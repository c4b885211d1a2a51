package io.batchscore.core.cli;

/** The launcher's exit statuses. */
public final class ExitCodes {
  /** The job Completed. */
  public static final int COMPLETED = 0;
  /** The job Failed or was Canceled. */
  public static final int FAILED = 1;
  /** The job could not start: bad deployment, key, path, scorer class, or no worker could init. */
  public static final int COULD_NOT_START = 2;

  private ExitCodes() {}
}
