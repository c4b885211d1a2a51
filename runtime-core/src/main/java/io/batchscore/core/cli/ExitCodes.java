package io.batchscore.core.cli;

/** The launcher's exit statuses. */
public final class ExitCodes {
  /** The job Completed. */
  public static final int COMPLETED = 0;

  /** The job Failed. */
  public static final int FAILED = 1;

  /** The job could not start: bad deployment, key, path, scorer class, or no worker could init. */
  public static final int COULD_NOT_START = 2;

  /** The job was Canceled by SIGINT (Ctrl-C), 128 + 2 as shells report it; it can be resumed. */
  public static final int CANCELED_SIGINT = 130;

  /** The job was Canceled by SIGTERM, 128 + 15; it can be resumed. */
  public static final int CANCELED_SIGTERM = 143;

  /** The exit statuses as {@code --help} and the README list them. */
  static final String HELP =
      "Exit status: 0 Completed, 1 Failed, 2 the job could not start,"
          + " 130 Canceled by SIGINT (Ctrl-C), 143 Canceled by SIGTERM; a canceled job is finished"
          + " with --resume.";

  private ExitCodes() {}
}
