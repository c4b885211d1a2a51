package io.batchscore.core.deployment;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.batchscore.core.deployment.DeploymentKey.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment file's tree flattened to dotted keys ({@code retry_settings.timeout}), whether they
 * stood at the top level or under {@code settings:}, with {@code --set} overrides applied. Every
 * key is checked against {@link DeploymentKeys} on the way in.
 */
final class FlatSettings {
  private static final String SETTINGS = "settings";
  private static final String SET = "--set ";

  /**
   * One value and where it came from.
   *
   * @param value the YAML node; a {@link NullNode} when the key was given without a value
   * @param where the key as the user wrote it, for messages: {@code mini_batch_size}, {@code
   *     settings.mini_batch_size} or {@code --set mini_batch_size}
   */
  record Entry(JsonNode value, String where) {}

  private final String file;
  private final RawNumbers rawNumbers;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private FlatSettings(String file, RawNumbers rawNumbers) {
    this.file = file;
    this.rawNumbers = rawNumbers;
  }

  /**
   * @param file the file's name, for messages
   * @param root the file's top-level mapping
   * @param rawNumbers the numbers of the file as written, for environment variables
   * @return its keys, flattened and checked
   * @throws DeploymentException for an unknown key, a key in both places, or a group that is not
   *     a mapping
   */
  static FlatSettings of(String file, JsonNode root, RawNumbers rawNumbers) {
    FlatSettings flat = new FlatSettings(file, rawNumbers);
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(SETTINGS)) {
        flat.addSettings(field.getValue());
      } else {
        flat.add(field.getKey(), field.getValue(), "");
      }
    }
    return flat;
  }

  /** @return the entry for a dotted key, if the file or an override set it */
  Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** @return the entries whose key starts with {@code prefix + "."}, by the rest of their key */
  Map<String, Entry> under(String prefix) {
    Map<String, Entry> result = new LinkedHashMap<>();
    entries.forEach(
        (key, entry) -> {
          if (key.startsWith(prefix + ".")) {
            result.put(key.substring(prefix.length() + 1), entry);
          }
        });
    return result;
  }

  /** @return the keys present that are accepted and ignored, in file order */
  List<String> ignoredKeys() {
    List<String> ignored = new ArrayList<>();
    entries.forEach(
        (key, entry) -> {
          Kind kind = KeyNames.kindOf(key).orElseThrow();
          if (kind == Kind.IGNORED || kind == Kind.IGNORED_TREE) {
            ignored.add(entry.where().startsWith(SET) ? key : entry.where());
          }
        });
    return ignored;
  }

  /**
   * Applies one {@code --set KEY=VALUE}. The value is read as a YAML scalar ({@code 5} is a
   * number, {@code true} a boolean); one that does not read as a scalar stays text, and so does
   * every {@code environment_variables.NAME} value unless quoted.
   *
   * @throws DeploymentException when there is no {@code =} or the key is unknown
   */
  void override(String override) {
    int eq = override.indexOf('=');
    if (eq < 0) {
      throw error("--set '%s': expected KEY=VALUE", override);
    }
    String key = override.substring(0, eq).strip();
    String raw = override.substring(eq + 1).strip();
    String prefix = SETTINGS + ".";
    String unprefixed = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    if (KeyNames.allowedUnderSettings(unprefixed)) {
      key = unprefixed;
    }
    if (key.equals("model")) {
      key = "model.path";
    }
    Optional<Kind> kind = KeyNames.kindOf(key);
    if (kind.isEmpty() && (KeyNames.isGroup(key) || key.equals(SETTINGS))) {
      throw error(
          "--set %s: '%s' is a group of keys; set one of them, such as --set %s=...",
          key, key, KeyNames.exampleUnder(key));
    }
    if (kind.isEmpty()) {
      throw error("--set %s: unknown key '%s'%s", key, key, KeyNames.suggestion(key));
    }
    if (kind.get() == Kind.MAP) {
      throw error("--set %s: set one variable at a time: --set %s.NAME=VALUE", key, key);
    }
    boolean keepText = key.startsWith(DeploymentKeys.ENVIRONMENT_VARIABLES + ".");
    entries.put(key, new Entry(scalar(raw, keepText), SET + key));
  }

  private static JsonNode scalar(String raw, boolean keepText) {
    if (raw.isEmpty()) {
      return keepText ? TextNode.valueOf("") : NullNode.getInstance();
    }
    boolean quoted = raw.startsWith("\"") || raw.startsWith("'");
    if (keepText && !quoted) {
      return TextNode.valueOf(raw);
    }
    try {
      JsonNode node = YamlDocument.parse(raw).root();
      return node != null && node.isValueNode() ? node : TextNode.valueOf(raw);
    } catch (IOException e) {
      return TextNode.valueOf(raw);
    }
  }

  private void addSettings(JsonNode settings) {
    if (settings.isNull()) {
      return;
    }
    if (!settings.isObject()) {
      throw error("settings: expected a mapping of keys, got '%s'", ValueReader.show(settings));
    }
    for (Map.Entry<String, JsonNode> field : settings.properties()) {
      String key = field.getKey();
      if (!KeyNames.allowedUnderSettings(key)) {
        if (KeyNames.isKnown(key) || key.equals(SETTINGS)) {
          throw error("settings.%s: %s belongs at the top level, not under settings:", key, key);
        }
        throw error("unknown key 'settings.%s'%s", key, KeyNames.suggestion(key));
      }
      add(key, field.getValue(), SETTINGS + ".");
    }
  }

  private void add(String key, JsonNode node, String origin) {
    Optional<Kind> kind = KeyNames.kindOf(key);
    if (kind.isEmpty()) {
      addGroup(key, node, origin);
      return;
    }
    switch (kind.get()) {
      case MAP -> {
        if (node.isNull()) {
          return;
        }
        if (!node.isObject()) {
          throw error(
              "%s%s: expected a mapping of NAME: value, got '%s'",
              origin, key, ValueReader.show(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          String name = key + "." + field.getKey();
          put(name, new Entry(asWritten(origin, name, field.getValue()), origin + name));
        }
      }
      case IGNORED_TREE -> {
        put(key, new Entry(node, origin + key));
        if (node.isObject()) { // environment: {python: ...}: its keys of ours are values
          for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = key + "." + field.getKey();
            if (KeyNames.key(name).filter(k -> k.kind() == Kind.VALUE).isPresent()) {
              put(name, new Entry(field.getValue(), origin + name));
            }
          }
        }
      }
      default -> put(key, new Entry(node, origin + key));
    }
  }

  /** @return a number as the text the user wrote ({@code 07} stays 07), other nodes as they are */
  private JsonNode asWritten(String origin, String key, JsonNode node) {
    if (!node.isNumber()) {
      return node;
    }
    JsonPointer pointer = JsonPointer.empty();
    if (!origin.isEmpty()) {
      pointer = pointer.appendProperty(SETTINGS);
    }
    int dot = key.indexOf('.');
    pointer = pointer.appendProperty(key.substring(0, dot)).appendProperty(key.substring(dot + 1));
    String raw = rawNumbers.at(pointer);
    return raw == null ? node : TextNode.valueOf(raw);
  }

  private void addGroup(String key, JsonNode node, String origin) {
    if (!KeyNames.isGroup(key)) {
      throw error("unknown key '%s%s'%s", origin, key, KeyNames.suggestion(key));
    }
    if (key.equals("model") && node.isValueNode() && !node.isNull()) {
      put("model.path", new Entry(node, origin + key));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        add(key + "." + field.getKey(), field.getValue(), origin);
      }
    } else if (!node.isNull()) {
      throw error(
          "%s%s: expected a mapping of keys such as %s, got '%s'",
          origin, key, KeyNames.exampleUnder(key), ValueReader.show(node));
    }
  }

  private void put(String key, Entry entry) {
    Entry previous = entries.putIfAbsent(key, entry);
    if (previous != null) {
      throw error(
          "%s is set both at the top level and under settings: (%s and %s); keep one",
          key, previous.where(), entry.where());
    }
  }

  private DeploymentException error(String format, Object... args) {
    return new DeploymentException(file + ": " + String.format(format, args));
  }
}
