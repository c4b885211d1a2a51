package io.batchscore.core.deployment;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.batchscore.core.deployment.DeploymentKey.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Questions about key names, answered from {@link DeploymentKeys}: what a dotted key is, which
 * mappings group keys, which keys may stand under {@code settings:}, and what to suggest for a
 * key that does not exist.
 */
final class KeyNames {
  private static final Map<String, DeploymentKey<?>> KEYS = byName();

  /** Mappings whose entries are keys of their own, by an example key under each. */
  private static final Map<String, String> GROUPS = groups();

  /** First segments of the keys that may stand at the top level or under {@code settings:}. */
  private static final Set<String> SETTINGS = settings();

  /** ParallelRunStep names for keys of ours: suggested, not accepted. */
  private static final Map<String, String> PARALLEL_RUN_STEP_NAMES =
      ImmutableMap.<String, String>builder()
          .put("process_count_per_node", "max_concurrency_per_instance")
          .put("node_count", "resources.instance_count")
          .put("run_invocation_timeout", "retry_settings.timeout")
          .put("run_max_try", "retry_settings.max_retries")
          .put("allowed_failed_count", "error_threshold")
          .put("append_row_file_name", "output_file_name")
          .buildOrThrow();

  private static final int MAX_SUGGESTION_DISTANCE = 3;

  private KeyNames() {}

  private static Map<String, DeploymentKey<?>> byName() {
    ImmutableMap.Builder<String, DeploymentKey<?>> keys = ImmutableMap.builder();
    for (DeploymentKey<?> k : DeploymentKeys.ALL) {
      keys.put(k.name(), k);
    }
    return keys.buildOrThrow();
  }

  /** The first segment of each dotted key that is not a key itself, with its first value key. */
  private static Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    for (DeploymentKey<?> k : DeploymentKeys.ALL) {
      String first = firstSegment(k.name());
      if (!first.equals(k.name()) && !KEYS.containsKey(first) && k.kind() == Kind.VALUE) {
        groups.putIfAbsent(first, k.name());
      }
    }
    return ImmutableMap.copyOf(groups);
  }

  private static Set<String> settings() {
    ImmutableSet.Builder<String> settings = ImmutableSet.builder();
    for (DeploymentKey<?> k : DeploymentKeys.ALL) {
      if (k.underSettings()) {
        settings.add(firstSegment(k.name()));
      }
    }
    return settings.build();
  }

  private static String firstSegment(String key) {
    return Splitter.on('.').limit(2).splitToList(key).get(0);
  }

  /** @return the key declared with this name, if any */
  static Optional<DeploymentKey<?>> key(String name) {
    return Optional.ofNullable(KEYS.get(name));
  }

  /**
   * @param key a dotted key
   * @return its kind; a key below an {@link Kind#IGNORED_TREE} is {@link Kind#IGNORED} and an
   *     entry of a {@link Kind#MAP} is a {@link Kind#VALUE}; empty for a group or an unknown key
   */
  static Optional<Kind> kindOf(String key) {
    DeploymentKey<?> declared = KEYS.get(key);
    if (declared != null) {
      return Optional.of(declared.kind());
    }
    for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      DeploymentKey<?> parent = KEYS.get(key.substring(0, dot));
      Kind kind = parent == null ? null : parent.kind();
      if (kind == Kind.IGNORED_TREE) {
        return Optional.of(Kind.IGNORED);
      }
      if (kind == Kind.MAP && dot < key.length() - 1) {
        return Optional.of(Kind.VALUE);
      }
    }
    return Optional.empty();
  }

  /** @return true when {@code key} is a mapping of keys, such as {@code retry_settings} */
  static boolean isGroup(String key) {
    return GROUPS.containsKey(key);
  }

  /** @return a key under {@code group}, for messages, such as {@code retry_settings.timeout} */
  static String exampleUnder(String group) {
    return GROUPS.getOrDefault(group, "mini_batch_size");
  }

  /** @return true when {@code key} is known, as a value, map, ignored key or group */
  static boolean isKnown(String key) {
    return isGroup(key) || kindOf(key).isPresent();
  }

  /** @return true when {@code key} (dotted, without {@code settings.}) may stand under settings */
  static boolean allowedUnderSettings(String key) {
    return SETTINGS.contains(firstSegment(key));
  }

  /**
   * @param unknown a dotted key that is not known
   * @return a hint such as {@code " (did you mean mini_batch_size?)"}, or an empty string
   */
  static String suggestion(String unknown) {
    List<String> segments = Splitter.on('.').splitToList(unknown);
    String leaf = segments.get(segments.size() - 1);
    String alias = PARALLEL_RUN_STEP_NAMES.get(leaf);
    if (alias != null) {
      return " (" + leaf + " is the ParallelRunStep name; here it is " + alias + ")";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : KEYS.keySet()) {
      int distance = Math.min(editDistance(unknown, known), leafDistance(leaf, known));
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    int allowed = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, unknown.length() / 4));
    return bestDistance <= allowed ? " (did you mean " + best + "?)" : "";
  }

  /** Distance between the leaves, so a misplaced {@code max_retries} finds its group. */
  private static int leafDistance(String leaf, String known) {
    if (known.indexOf('.') < 0) {
      return Integer.MAX_VALUE;
    }
    return editDistance(leaf, known.substring(known.lastIndexOf('.') + 1));
  }

  /** Levenshtein distance. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
