package io.batchscore.service.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.workspace.Json;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.parser.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a result as {@code az} does: JSON (indented), TSV (values only, tab-separated, one line
 * per element of a list) or a table (headers, then aligned columns), after an optional JMESPath
 * query.
 */
public final class OutputFormat {

  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

  private OutputFormat() {}

  /**
   * @param result the operation's result (a record, a list of them, or null)
   * @param format {@code json}, {@code tsv} or {@code table}
   * @param query a JMESPath expression, or null
   * @return the text to print (ending with a newline), or an empty string for no result
   */
  public static String render(Object result, String format, String query) {
    JsonNode node =
        result == null
            ? NullNode.instance
            : io.batchscore.service.auth.SecretMasker.maskDocument(Json.MAPPER.valueToTree(result));
    if (query != null) {
      try {
        node = JMESPATH.compile(query).search(node);
      } catch (ParseException e) {
        throw WorkspaceException.badRequest(
            "--query "
                + query
                + ": not a JMESPath expression: "
                + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return result == null || format.equals("json") && query == null
          ? ""
          : format.equals("json") ? "null\n" : "";
    }
    switch (format) {
      case "json":
        try {
          return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      case "tsv":
        return tsv(node);
      case "table":
        return table(node);
      default:
        throw WorkspaceException.badRequest("-o " + format + ": not json, tsv or table");
    }
  }

  private static String tsv(JsonNode node) {
    StringBuilder out = new StringBuilder();
    if (node.isArray()) {
      for (JsonNode e : node) {
        out.append(tsvLine(e)).append('\n');
      }
    } else {
      out.append(tsvLine(node)).append('\n');
    }
    return out.toString();
  }

  private static String tsvLine(JsonNode node) {
    if (node.isObject() || node.isArray()) {
      List<String> cells = new ArrayList<>();
      node.elements().forEachRemaining(v -> cells.add(scalar(v)));
      return String.join("\t", cells);
    }
    return scalar(node);
  }

  private static String scalar(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static String table(JsonNode node) {
    List<JsonNode> rows = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(rows::add);
    } else {
      rows.add(node);
    }
    Set<String> headers = new LinkedHashSet<>();
    for (JsonNode r : rows) {
      if (r.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isValueNode()) {
            headers.add(e.getKey());
          }
        }
      }
    }
    if (headers.isEmpty()) {
      headers.add("Result");
    }
    List<String> cols = new ArrayList<>(headers);
    List<List<String>> cells = new ArrayList<>();
    for (JsonNode r : rows) {
      List<String> line = new ArrayList<>();
      for (String c : cols) {
        line.add(r.isObject() ? scalar(r.get(c)) : scalar(r));
      }
      cells.add(line);
    }
    int[] width = new int[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      width[i] = title(cols.get(i)).length();
      for (List<String> l : cells) {
        width[i] = Math.max(width[i], l.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    List<String> titles = cols.stream().map(OutputFormat::title).toList();
    appendRow(out, titles, width);
    List<String> rules = new ArrayList<>();
    for (int w : width) {
      rules.add("-".repeat(w));
    }
    appendRow(out, rules, width);
    for (List<String> l : cells) {
      appendRow(out, l, width);
    }
    return out.toString();
  }

  private static String title(String key) {
    StringBuilder b = new StringBuilder();
    for (String part : key.split("_")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] width) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      out.append(c);
      if (i < cells.size() - 1) {
        out.append(" ".repeat(width[i] - c.length() + 2));
      }
    }
    out.append('\n');
  }
}
