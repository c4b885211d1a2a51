package io.batchscore.service.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON and YAML mappers of the workspace, and the text forms it stores. */
public final class Json {

  /** JSON: database columns, CLI output. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** YAML: resource files and the deployment files written for the driver. */
  public static final YAMLMapper YAML = new YAMLMapper();

  private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP =
      new TypeReference<>() {};

  private Json() {}

  /**
   * @param map a map of strings
   * @return its JSON text
   */
  public static String write(Object map) {
    try {
      return MAPPER.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param text JSON text of an object of strings, or null
   * @return the map, empty for null
   */
  public static Map<String, String> stringMap(String text) {
    if (text == null || text.isEmpty()) {
      return new LinkedHashMap<>();
    }
    try {
      return MAPPER.readValue(text, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param text JSON text of an object
   * @return its tree
   */
  public static ObjectNode object(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the current time, ISO-8601 UTC to the millisecond */
  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
