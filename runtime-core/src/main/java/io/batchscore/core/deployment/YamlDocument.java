package io.batchscore.core.deployment;

import com.fasterxml.jackson.core.JsonParseException;
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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * A YAML document read into Jackson's tree model, with the text of each number as written.
 *
 * <p>The tree is built from the YAML parser's tokens here, not by an {@code ObjectMapper}: the same
 * nodes (floats as exact {@code BigDecimal}s, duplicate keys rejected, anchors, aliases and merge
 * keys resolved as a YAML reader such as SnakeYAML resolves them), in one pass that also keeps the
 * numbers' texts. Why: the mapper's start-up is most of the time a launch spends reading its
 * deployment (benchmarks/README.md, note 10; {@code YamlDocumentTest} checks the tree against
 * {@code YAMLMapper}'s).
 */
final class YamlDocument {

  // rebuilt from a default factory, as YAMLMapper makes its own: YAMLFactory.builder() starts
  // from other parser defaults (an empty value would read as "" instead of null)
  private static final YAMLFactory YAML =
      new YAMLFactory().rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The most values that aliases may add to a document, copies of copies included. */
  static final long MAX_ALIAS_NODES = 10_000;

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
    try (JsonParser p = YAML.createParser(text)) {
      TreeBuilder b = new TreeBuilder((YAMLParser) p, anchorsInOrder(text));
      JsonToken first = p.nextToken();
      JsonNode root = first == null ? null : b.node(first);
      return new YamlDocument(root, new RawNumbers(b.numbers));
    }
  }

  /**
   * The anchor of each node of the text, in the order the parser meets nodes (mapping keys
   * included): Jackson's parser reports the anchors of mappings and sequences but not those of
   * single values, so SnakeYAML's event parser (the one beneath it) names them. Skipped, for
   * speed, when the text holds no {@code &}.
   *
   * @return the anchors (null for a node without one), or null when there are none
   */
  private static List<String> anchorsInOrder(String text) {
    if (text.indexOf('&') < 0) {
      return null;
    }
    List<String> anchors = new ArrayList<>();
    try {
      for (Event e : new Yaml().parse(new StringReader(text))) {
        if (e instanceof AliasEvent) {
          anchors.add(null);
        } else if (e instanceof NodeEvent n) {
          anchors.add(n.getAnchor());
        }
      }
    } catch (RuntimeException badYaml) { // Jackson's parser reports it, with its place
      return null;
    }
    return anchors;
  }

  /** @return the document's root node, or null for an empty document */
  JsonNode root() {
    return root;
  }

  /** @return the numbers of the document as written */
  RawNumbers numbers() {
    return numbers;
  }

  /**
   * Builds the tree from the parser's tokens, resolving aliases ({@code *name}) to a copy of
   * their anchor's node and merge keys ({@code <<: *name}, {@code <<: [*a, *b]}) as YAML 1.1
   * does: the merged mappings' keys are added where the mapping does not set them, the first
   * merged mapping first. Copies made for aliases count against {@link #MAX_ALIAS_NODES}, so a
   * document of nested aliases cannot expand without bound.
   */
  private static final class TreeBuilder {
    private final YAMLParser p;
    private final List<String> anchorOfNode; // null: the text defines no anchor
    private final Map<String, String> numbers = new HashMap<>();
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private int nodesMet;
    private long aliasNodes;

    TreeBuilder(YAMLParser p, List<String> anchorOfNode) {
      this.p = p;
      this.anchorOfNode = anchorOfNode;
    }

    /** @return the anchor of the node met now, counting it */
    private String nextAnchor() {
      int i = nodesMet++;
      return anchorOfNode != null && i < anchorOfNode.size() ? anchorOfNode.get(i) : null;
    }

    JsonNode node(JsonToken t) throws IOException {
      String anchor = nextAnchor();
      JsonNode n = build(t);
      if (anchor != null) {
        anchors.put(anchor, n);
      }
      return n;
    }

    private JsonNode build(JsonToken t) throws IOException {
      switch (t) {
        case START_OBJECT:
          {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            List<JsonNode> merged = new ArrayList<>();
            for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
              String name = p.currentName();
              nextAnchor(); // the key's
              JsonNode value = node(p.nextToken());
              if (name.equals("<<")) {
                merged.addAll(mergeSources(value));
              } else {
                object.set(name, value);
              }
            }
            for (JsonNode source : merged) {
              source
                  .properties()
                  .forEach(
                      e -> {
                        if (!object.has(e.getKey())) {
                          object.set(e.getKey(), e.getValue().deepCopy());
                        }
                      });
            }
            return object;
          }
        case START_ARRAY:
          {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
              array.add(node(e));
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
          return p.isCurrentAlias() ? alias(p.getText()) : TextNode.valueOf(p.getText());
        case VALUE_TRUE:
          return BooleanNode.TRUE;
        case VALUE_FALSE:
          return BooleanNode.FALSE;
        case VALUE_NULL:
          return NullNode.getInstance();
        case VALUE_EMBEDDED_OBJECT:
          {
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

    private JsonNode alias(String name) throws IOException {
      JsonNode target = anchors.get(name);
      if (target == null) {
        throw new JsonParseException(
            p, "alias *" + name + " names no anchor (&" + name + ") before it");
      }
      aliasNodes += size(target);
      if (aliasNodes > MAX_ALIAS_NODES) {
        throw new JsonParseException(
            p,
            "the document's aliases expand to more than "
                + MAX_ALIAS_NODES
                + " values (nested aliases such as *"
                + name
                + "); refused");
      }
      return target.deepCopy();
    }

    private List<JsonNode> mergeSources(JsonNode value) throws IOException {
      if (value.isObject()) {
        return List.of(value);
      }
      if (value.isArray()) {
        List<JsonNode> sources = new ArrayList<>();
        for (JsonNode n : value) {
          if (!n.isObject()) {
            throw new JsonParseException(p, "merge key << takes mappings; got " + n);
          }
          sources.add(n);
        }
        return sources;
      }
      throw new JsonParseException(
          p, "merge key << takes a mapping or a list of mappings; got " + value);
    }

    private static long size(JsonNode n) {
      long count = 1;
      for (JsonNode child : n) {
        count += size(child);
      }
      return count;
    }
  }
}
