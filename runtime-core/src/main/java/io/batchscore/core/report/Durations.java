package io.batchscore.core.report;

import java.util.Locale;

/** Durations as short human text: {@code 850 µs}, {@code 12.3 ms}, {@code 1.25 s}, {@code 3 min 20 s}. */
final class Durations {

  private Durations() {}

  /**
   * @param nanos a duration in nanoseconds
   * @return it with a unit fitting its size
   */
  static String human(double nanos) {
    if (Double.isInfinite(nanos)) {
      return "∞";
    }
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return trim(nanos / 1e3) + " µs";
    }
    if (nanos < 1_000_000_000) {
      return trim(nanos / 1e6) + " ms";
    }
    double s = nanos / 1e9;
    if (s < 60) {
      return trim(s) + " s";
    }
    long whole = Math.round(s);
    if (whole < 3600) {
      return (whole / 60) + " min " + (whole % 60) + " s";
    }
    return (whole / 3600) + " h " + (whole % 3600 / 60) + " min";
  }

  /** @return 3 significant digits, trailing zeros dropped */
  private static String trim(double v) {
    String s =
        v >= 100
            ? String.format(Locale.ROOT, "%.0f", v)
            : v >= 10
                ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
  }
}
