package io.batchscore.core.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The {@code yyyy-MM-dd HH:mm:ss,SSS} local time that starts every log line, as Python's logging
 * writes it. A worker logs a line per mini-batch, so the date and time of day are formatted once a
 * second and the milliseconds appended by hand: a {@link DateTimeFormatter} per line cost more
 * than the line's write, and kept the JIT compiling java.time code while the job started.
 */
public final class LogTimestamp {

  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A second in a zone and its text; replaced, never changed, so readers need no lock. */
  private static final class Second {
    final long epochSecond;
    final ZoneId zone;
    final String text;

    Second(long epochSecond, ZoneId zone, String text) {
      this.epochSecond = epochSecond;
      this.zone = zone;
      this.text = text;
    }
  }

  private static volatile Second last = new Second(Long.MIN_VALUE, ZoneId.of("UTC"), "");

  private LogTimestamp() {}

  /** @return the current local time, such as {@code 2026-11-24 22:58:51,707} */
  public static String now() {
    return format(System.currentTimeMillis(), ZoneId.systemDefault());
  }

  /**
   * @param epochMillis a time
   * @param zone the time zone it is written in
   * @return the time, such as {@code 2026-11-24 22:58:51,707}
   */
  static String format(long epochMillis, ZoneId zone) {
    long second = Math.floorDiv(epochMillis, 1000);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    Second s = last;
    if (s.epochSecond != second || !s.zone.equals(zone)) {
      s =
          new Second(
              second,
              zone,
              SECOND.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(second), zone)));
      last = s;
    }
    char[] ms = {
      ',', (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10)
    };
    return s.text.concat(new String(ms));
  }
}
