package io.batchscore.service.workspace;

import java.util.regex.Pattern;

/** Resource names: what the cloud allows (letters, digits, {@code -}, {@code _}, {@code .}). */
final class Names {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

  private Names() {}

  /**
   * @param r the reader, for messages
   * @param key the key that gave the name
   * @param name the name
   * @return the name
   */
  static String check(SpecReader r, String key, String name) {
    if (!NAME.matcher(name).matches()) {
      throw r.bad(
          key,
          "'"
              + name
              + "' is not a valid name (letters, digits, '-', '_', '.';"
              + " starting with a letter or digit)");
    }
    return name;
  }
}
