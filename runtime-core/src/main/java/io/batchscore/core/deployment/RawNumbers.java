package io.batchscore.core.deployment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The text of every number in a YAML document as it was written, by its JSON pointer. A tree
 * keeps {@code 07} as 7 and {@code 1e3} as 1000; an environment variable should keep what the
 * user wrote.
 */
final class RawNumbers {
  private final Map<String, String> texts;

  private RawNumbers(Map<String, String> texts) {
    this.texts = texts;
  }

  /**
   * @param yaml the mapper that read the tree
   * @param document a document that {@code yaml} has already read without error
   */
  static RawNumbers of(ObjectMapper yaml, String document) throws IOException {
    Map<String, String> texts = new HashMap<>();
    try (JsonParser parser = yaml.createParser(document)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isNumeric()) {
          texts.put(parser.getParsingContext().pathAsPointer().toString(), parser.getText());
        }
      }
    }
    return new RawNumbers(texts);
  }

  /** @return the text of the number at {@code pointer} as written, or null when there is none */
  String at(JsonPointer pointer) {
    return texts.get(pointer.toString());
  }
}
