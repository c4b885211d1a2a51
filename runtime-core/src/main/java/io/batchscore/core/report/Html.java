package io.batchscore.core.report;

/** Text made fit for HTML and inline SVG before the templates escape it. */
final class Html {

  private Html() {}

  /**
   * @param text any text, null as empty
   * @return it without control characters other than tab and newline (XML 1.0 forbids them in
   *     inline SVG, and HTML parsers flag them)
   */
  static String printable(Object text) {
    if (text == null) {
      return "";
    }
    String s = text.toString();
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean keep = c >= 0x20 || c == '\t' || c == '\n';
      if (!keep && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      } else if (keep && sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }
}
