package io.batchscore.core.logs;

import java.util.Locale;

/**
 * How the job's progress shows on the console ({@code --progress}). The progress overview file
 * gets the same plain lines whatever the mode.
 */
public enum ProgressMode {
  /** A bar when the console is a terminal, plain lines otherwise. */
  AUTO,
  /** A progress bar redrawn in place, whatever the console is. */
  BAR,
  /** A plain line every few seconds, for logs and CI. */
  PLAIN,
  /** Nothing on the console. */
  NONE;

  /**
   * @param text {@code auto}, {@code bar}, {@code plain} or {@code none}, in any case
   * @return the mode
   * @throws IllegalArgumentException naming the value and the modes when it is none of them
   */
  public static ProgressMode parse(String text) {
    for (ProgressMode m : values()) {
      if (m.name().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "--progress " + text + " is not one of auto, bar, plain," + " none");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
