package io.batchscore.service.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a resource's document with errors that name the file and the key: its {@code $schema}
 * must be of the resource's kind, every key must be one the kind knows, values must have the
 * right type.
 */
public final class SpecReader {

  private final ResourceSpec spec;
  private final String kind;

  /**
   * Checks the schema and the keys.
   *
   * @param spec the resource
   * @param kind what it is, for messages ({@code model}, {@code batch endpoint}...)
   * @param schemaNames the {@code $schema} file names this kind accepts ({@code
   *     model.schema.json}...)
   * @param keys the top-level keys it accepts besides {@code $schema}
   */
  public SpecReader(ResourceSpec spec, String kind, Set<String> schemaNames, Set<String> keys) {
    this.spec = spec;
    this.kind = kind;
    JsonNode schema = spec.document().get("$schema");
    if (schema != null && !schema.isNull()) {
      String url = schema.asText();
      String file = url.substring(url.lastIndexOf('/') + 1);
      if (!schemaNames.contains(file)) {
        throw WorkspaceException.badRequest(
            spec.source()
                + ": $schema "
                + file
                + " is not a "
                + kind
                + "'s schema (expected "
                + String.join(" or ", schemaNames)
                + ")");
      }
    }
    for (Iterator<String> it = spec.document().fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("$schema") && !keys.contains(key)) {
        throw WorkspaceException.badRequest(
            spec.source()
                + ": unknown key '"
                + key
                + "' for a "
                + kind
                + " (known: "
                + String.join(", ", keys)
                + ")");
      }
    }
  }

  /** @return the document */
  public ObjectNode document() {
    return spec.document();
  }

  /** @return the source named in messages */
  public String source() {
    return spec.source();
  }

  /**
   * @param key a top-level key
   * @return its text, or null when absent
   */
  public String text(String key) {
    JsonNode n = spec.document().get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw bad(
          key,
          "must be a single value, not "
              + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return n.asText();
  }

  /**
   * @param key a top-level key
   * @return its text
   * @throws WorkspaceException when absent or empty
   */
  public String required(String key) {
    String v = text(key);
    if (v == null || v.isBlank()) {
      throw WorkspaceException.badRequest(spec.source() + ": " + kind + " needs '" + key + "'");
    }
    return v;
  }

  /**
   * @param key a top-level key
   * @param dflt the value when absent
   * @return its integer value
   */
  public int integer(String key, int dflt) {
    String v = text(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw bad(key, "must be an integer, not '" + v + "'");
    }
  }

  /**
   * @param key a top-level key
   * @return a positive integer version, or null when absent
   */
  public Integer version(String key) {
    String v = text(key);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw bad(key, "must be a positive integer, not '" + v + "'");
  }

  /**
   * @param key a top-level key holding a map of values
   * @return its entries as text
   */
  public Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode n = spec.document().get(key);
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw bad(key, "must be a map of KEY: VALUE");
    }
    n.fields()
        .forEachRemaining(
            e ->
                out.put(
                    e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return out;
  }

  /**
   * Resolves a local path the document gives against the spec's folder and checks it exists.
   *
   * @param key the key that gave it, for messages
   * @param value the path as written
   * @return the absolute, normalised path
   */
  public Path existingPath(String key, String value) {
    Path p = resolve(key, value);
    if (!Files.exists(p)) {
      throw bad(key, "path " + p + " does not exist");
    }
    if (!Files.isReadable(p)) {
      throw bad(key, "path " + p + " is not readable");
    }
    return p;
  }

  /**
   * @param key the key that gave it, for messages
   * @param value the path as written ({@code file:} prefix allowed)
   * @return the absolute, normalised path
   */
  public Path resolve(String key, String value) {
    String v =
        value.startsWith("file://")
            ? value.substring(7)
            : value.startsWith("file:") ? value.substring(5) : value;
    Path p = Path.of(v);
    if (!p.isAbsolute()) {
      if (spec.baseDir() == null) {
        throw bad(key, "relative path '" + value + "' needs an absolute path here");
      }
      p = spec.baseDir().resolve(p);
    }
    return p.toAbsolutePath().normalize();
  }

  /**
   * @param key the key at fault
   * @param what what is wrong with it
   * @return an error naming the source and the key
   */
  public WorkspaceException bad(String key, String what) {
    return WorkspaceException.badRequest(spec.source() + ": " + key + " " + what);
  }
}
