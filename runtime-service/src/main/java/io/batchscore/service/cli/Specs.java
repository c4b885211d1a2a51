package io.batchscore.service.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.workspace.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ResourceSpec} from {@code -f FILE}, the verb's flags and {@code --set}. */
final class Specs {

  private Specs() {}

  /**
   * @param file the YAML file, or null
   * @param flags flag values by key (nulls skipped), written over the file's keys
   * @param sets {@code KEY=VALUE} with dotted keys, written last; values read as YAML scalars
   * @return the spec; relative paths resolve against the file's folder, or the working folder
   */
  static ResourceSpec of(Path file, Map<String, ?> flags, List<String> sets) {
    ObjectNode doc;
    Path base;
    String source;
    String yaml = null;
    if (file != null) {
      source = file.toString();
      if (!Files.isRegularFile(file)) {
        throw WorkspaceException.badRequest(file + ": no such file");
      }
      try {
        yaml = Files.readString(file);
        JsonNode n = Json.YAML.readTree(yaml);
        if (n == null || n.isMissingNode() || n.isNull()) {
          throw WorkspaceException.badRequest(file + ": the file is empty");
        }
        if (!n.isObject()) {
          throw WorkspaceException.badRequest(file + ": expected a mapping of keys");
        }
        doc = (ObjectNode) n;
      } catch (IOException e) {
        throw WorkspaceException.badRequest(
            file + ": malformed YAML: " + e.getMessage().lines().findFirst().orElse(""));
      }
      base = file.toAbsolutePath().normalize().getParent();
    } else {
      doc = Json.MAPPER.createObjectNode();
      base = Path.of("").toAbsolutePath();
      source = "command line";
    }
    flags.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> m) {
            ObjectNode o = doc.putObject(k);
            m.forEach((mk, mv) -> o.put(String.valueOf(mk), String.valueOf(mv)));
          } else if (v != null) {
            doc.set(k, scalar(String.valueOf(v)));
          }
        });
    if (sets != null) {
      for (String s : sets) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw WorkspaceException.badRequest("--set " + s + ": expected KEY=VALUE");
        }
        put(doc, s.substring(0, eq).trim(), scalar(s.substring(eq + 1)));
      }
    }
    return new ResourceSpec(doc, base, source, yaml);
  }

  /**
   * @param sets {@code KEY=VALUE} items, or null
   * @return them as a map
   */
  static Map<String, String> map(List<String> sets, String option) {
    Map<String, String> out = new LinkedHashMap<>();
    if (sets != null) {
      for (String s : sets) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw WorkspaceException.badRequest(option + " " + s + ": expected KEY=VALUE");
        }
        out.put(s.substring(0, eq).trim(), s.substring(eq + 1));
      }
    }
    return out;
  }

  private static void put(ObjectNode doc, String dotted, JsonNode value) {
    String[] parts = dotted.split("\\.");
    ObjectNode at = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = at.get(parts[i]);
      if (!(next instanceof ObjectNode)) {
        next = at.putObject(parts[i]);
      }
      at = (ObjectNode) next;
    }
    at.set(parts[parts.length - 1], value);
  }

  private static JsonNode scalar(String text) {
    try {
      JsonNode n = Json.YAML.readTree(text);
      if (n != null && n.isValueNode() && !n.isNull()) {
        return n;
      }
    } catch (IOException notYaml) {
      // a plain string
    }
    return TextNode.valueOf(text);
  }
}
