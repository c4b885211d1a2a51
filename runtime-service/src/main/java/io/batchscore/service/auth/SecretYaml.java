package io.batchscore.service.auth;

import io.batchscore.core.deployment.SecretNames;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Masks secret values in YAML text as it was written (a deployment file kept by the workspace),
 * leaving everything else as it was: comments, layout, quoting, other values. SnakeYAML parses
 * the text into nodes, which know where they stand in it; each secret value's span is replaced by
 * {@code '****'} (quoted: a plain {@code ****} would read as an alias). A value is secret when its
 * key has a secret-looking name ({@link SecretNames}) inside an {@code environment_variables}
 * mapping, block or flow style, at any depth (anchors and merge keys followed), or is a dotted
 * {@code environment_variables.NAME} key.
 */
public final class SecretYaml {

  /** What a secret value is replaced with. */
  static final String MASK = "'" + SecretNames.MASK + "'";

  private static final String ENVIRONMENT = "environment_variables";

  /** Shown instead of text that cannot be parsed, so its secrets cannot be found. */
  static final String UNREADABLE =
      "# the stored YAML is not shown: it could not be read to mask its secret values\n";

  private SecretYaml() {}

  /**
   * @param text YAML text, one or more documents
   * @return the same text with each secret value replaced by {@value #MASK}; {@link #UNREADABLE}
   *     when the text is not YAML
   */
  public static String mask(String text) {
    List<int[]> spans = new ArrayList<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      for (Node document : yaml.composeAll(new StringReader(text))) {
        walk(document, false, spans, seen);
      }
    } catch (RuntimeException e) { // SnakeYAML's YAMLException and its kin
      return UNREADABLE;
    }
    if (spans.isEmpty()) {
      return text;
    }
    int[] points = text.codePoints().toArray(); // the marks count code points
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder out = new StringBuilder();
    int done = 0;
    for (int[] span : spans) {
      int from = afterProperties(points, span[0], span[1]);
      int to = span[1];
      while (to > from && Character.isWhitespace(points[to - 1])) {
        to--; // a block scalar's span holds the line breaks after it
      }
      if (to > from && from >= done) {
        out.append(new String(points, done, from - done)).append(MASK);
        done = to;
      }
    }
    out.append(new String(points, done, points.length - done));
    return out.toString();
  }

  /** @return where a scalar's text starts after its anchor ({@code &a}) and tag ({@code !!str}) */
  private static int afterProperties(int[] points, int from, int to) {
    int i = from;
    while (i < to && (points[i] == '&' || points[i] == '!')) {
      while (i < to && !Character.isWhitespace(points[i])) {
        i++;
      }
      while (i < to && Character.isWhitespace(points[i])) {
        i++;
      }
    }
    return i;
  }

  /**
   * @param inEnvironment whether {@code node} is an {@code environment_variables} mapping
   */
  private static void walk(Node node, boolean inEnvironment, List<int[]> spans, Set<Node> seen) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        String key = entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
        Node value = entry.getValueNode();
        if ((inEnvironment && SecretNames.isSecret(key)) || SecretNames.isSecretSetting(key)) {
          secret(value, spans, seen);
        } else if (key.equals(ENVIRONMENT) || (inEnvironment && key.equals("<<"))) {
          walk(value, true, spans, seen);
        } else {
          walk(value, false, spans, seen);
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      // a merge key's list of mappings keeps its mapping's role
      sequence.getValue().forEach(item -> walk(item, inEnvironment, spans, seen));
    }
  }

  private static void secret(Node value, List<int[]> spans, Set<Node> seen) {
    if (value instanceof ScalarNode scalar) {
      if (seen.add(scalar)) {
        spans.add(new int[] {scalar.getStartMark().getIndex(), scalar.getEndMark().getIndex()});
      }
    } else if (value instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        secret(entry.getValueNode(), spans, seen);
      }
    } else if (value instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> secret(item, spans, seen));
    }
  }
}
