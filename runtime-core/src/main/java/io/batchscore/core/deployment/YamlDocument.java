package io.batchscore.core.deployment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into Jackson's tree model, with the text of each number as written.
 *
 * <p>The tree is built from the YAML parser's tokens here rather than by an {@code ObjectMapper}:
 * the same nodes (floats as exact {@code BigDecimal}s, duplicate keys rejected), in one pass that
 * also keeps the numbers' texts, without the mapper's start-up, which was the larger part of
 * reading a deployment (about 40 ms of every launch; see benchmarks/README.md).
 */
final class YamlDocument {

  // rebuilt from a default factory, as YAMLMapper makes its own: YAMLFactory.builder() starts
  // from other parser defaults (an empty value would read as "" instead of null)
  private static final YAMLFactory YAML =
      new YAMLFactory().rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final JsonNode root;
  private final RawNumbers numbers;

  private YamlDocument(JsonNode root, RawNumbers numbers) {
    this.root = root;
    this.numbers = numbers;
  }

  /**
   * @param text YAML text
   * @return its first document; {@link #root()} is null when there is none
   * @throws IOException (a {@link com.fasterxml.jackson.core.JacksonException}, with the line and
   *     column) when it is not YAML or repeats a key
   */
  static YamlDocument parse(String text) throws IOException {
    Map<String, String> numbers = new HashMap<>();
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      JsonNode root = first == null ? null : node(p, first, numbers);
      return new YamlDocument(root, new RawNumbers(numbers));
    }
  }

  /** @return the document's root node, or null for an empty document */
  JsonNode root() {
    return root;
  }

  /** @return the numbers of the document as written */
  RawNumbers numbers() {
    return numbers;
  }

  private static JsonNode node(JsonParser p, JsonToken t, Map<String, String> numbers)
      throws IOException {
    switch (t) {
      case START_OBJECT: {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          object.set(name, node(p, p.nextToken(), numbers));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          array.add(node(p, e, numbers));
        }
        return array;
      }
      case VALUE_NUMBER_INT:
        numbers.put(p.getParsingContext().pathAsPointer().toString(), p.getText());
        return switch (p.getNumberType()) {
          case INT -> IntNode.valueOf(p.getIntValue());
          case LONG -> LongNode.valueOf(p.getLongValue());
          default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        numbers.put(p.getParsingContext().pathAsPointer().toString(), p.getText());
        return DecimalNode.valueOf(p.getDecimalValue());
      case VALUE_STRING:
        return TextNode.valueOf(p.getText());
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.getInstance();
      case VALUE_EMBEDDED_OBJECT: {
        Object o = p.getEmbeddedObject();
        if (o == null) {
          return NullNode.getInstance();
        }
        return o instanceof byte[] bytes ? BinaryNode.valueOf(bytes) : new POJONode(o);
      }
      default:
        throw new IllegalStateException("unexpected YAML token " + t);
    }
  }
}
