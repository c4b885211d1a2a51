package io.batchscore.core.deployment;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Map;

/**
 * The text of every number in a YAML document as it was written, by its JSON pointer. A tree
 * keeps {@code 07} as 7 and {@code 1e3} as 1000; an environment variable should keep what the
 * user wrote.
 */
final class RawNumbers {
  private final Map<String, String> texts;

  /** @param texts each number's text as written, by the JSON pointer of its place */
  RawNumbers(Map<String, String> texts) {
    this.texts = texts;
  }

  /** @return the text of the number at {@code pointer} as written, or null when there is none */
  String at(JsonPointer pointer) {
    return texts.get(pointer.toString());
  }
}
