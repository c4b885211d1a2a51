package io.batchscore.core.report;

/** Escaping for text put into HTML and SVG, in element content and in quoted attributes. */
final class Html {

  private Html() {}

  /**
   * @param text any text, null as empty
   * @return it with {@code & < > " '} replaced by entities, and control characters other than
   *     tab and newline dropped (XML 1.0 forbids them in inline SVG)
   */
  static String escape(Object text) {
    if (text == null) {
      return "";
    }
    String s = text.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
