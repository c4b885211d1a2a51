package io.batchscore.core.deployment;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of deployment keys: which dotted keys exist, which of them mean something here,
 * which may stand under {@code settings:}, and what to suggest for a key that does not exist.
 */
final class DeploymentKeys {

  /** What a key is. */
  enum Kind {
    /** A value this runtime reads. */
    VALUE,
    /** A mapping whose entries are values ({@code environment_variables}). */
    MAP,
    /** A scalar accepted and ignored (it means something only in the cloud). */
    IGNORED,
    /** A subtree of any shape accepted and ignored ({@code environment}, {@code tags}). */
    IGNORED_TREE
  }

  static final String ENVIRONMENT_VARIABLES = "environment_variables";

  private static final Map<String, Kind> KEYS =
      ImmutableMap.<String, Kind>builder()
          .put("$schema", Kind.IGNORED)
          .put("name", Kind.VALUE)
          .put("endpoint_name", Kind.IGNORED)
          .put("description", Kind.IGNORED)
          .put("type", Kind.IGNORED)
          .put("compute", Kind.IGNORED)
          .put("environment", Kind.IGNORED_TREE)
          .put("environment.python", Kind.VALUE)
          .put("environment.conda_file", Kind.VALUE)
          .put("tags", Kind.IGNORED_TREE)
          .put("properties", Kind.IGNORED_TREE)
          .put("model.path", Kind.VALUE)
          .put("model.name", Kind.IGNORED)
          .put("model.version", Kind.IGNORED)
          .put("model.type", Kind.IGNORED)
          .put("model.description", Kind.IGNORED)
          .put("model.tags", Kind.IGNORED_TREE)
          .put("code_configuration.code", Kind.VALUE)
          .put("code_configuration.scoring_script", Kind.VALUE)
          .put("resources.instance_count", Kind.VALUE)
          .put("resources.instance_type", Kind.IGNORED)
          .put("resources.properties", Kind.IGNORED_TREE)
          .put("mini_batch_size", Kind.VALUE)
          .put("max_concurrency_per_instance", Kind.VALUE)
          .put("retry_settings.max_retries", Kind.VALUE)
          .put("retry_settings.timeout", Kind.VALUE)
          .put("error_threshold", Kind.VALUE)
          .put("output_action", Kind.VALUE)
          .put("output_file_name", Kind.VALUE)
          .put("logging_level", Kind.VALUE)
          .put(ENVIRONMENT_VARIABLES, Kind.MAP)
          .put("devices", Kind.VALUE)
          .put("intra_op_threads", Kind.VALUE)
          .put("isolate_failed_items", Kind.VALUE)
          .put("prefetch", Kind.VALUE)
          .buildOrThrow();

  /** Mappings whose entries are keys of their own ({@code model} may also be a plain path). */
  private static final Set<String> GROUPS =
      ImmutableSet.of("model", "code_configuration", "resources", "retry_settings");

  /** First segments of the keys that may stand at the top level or under {@code settings:}. */
  private static final Set<String> SETTINGS =
      ImmutableSet.of(
          "mini_batch_size",
          "max_concurrency_per_instance",
          "retry_settings",
          "error_threshold",
          "output_action",
          "output_file_name",
          "logging_level",
          ENVIRONMENT_VARIABLES,
          "devices",
          "intra_op_threads",
          "isolate_failed_items",
          "prefetch");

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

  private DeploymentKeys() {}

  /**
   * @param key a dotted key
   * @return its kind; a key below an {@link Kind#IGNORED_TREE} is {@link Kind#IGNORED} and an
   *     entry of a {@link Kind#MAP} is a {@link Kind#VALUE}; empty for a group or an unknown key
   */
  static Optional<Kind> kindOf(String key) {
    Kind kind = KEYS.get(key);
    if (kind != null) {
      return Optional.of(kind);
    }
    for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      Kind parent = KEYS.get(key.substring(0, dot));
      if (parent == Kind.IGNORED_TREE) {
        return Optional.of(Kind.IGNORED);
      }
      if (parent == Kind.MAP && dot < key.length() - 1) {
        return Optional.of(Kind.VALUE);
      }
    }
    return Optional.empty();
  }

  /** @return true when {@code key} is a mapping of keys, such as {@code retry_settings} */
  static boolean isGroup(String key) {
    return GROUPS.contains(key);
  }

  /** @return true when {@code key} is known, as a value, map, ignored key or group */
  static boolean isKnown(String key) {
    return isGroup(key) || kindOf(key).isPresent();
  }

  /** @return true when {@code key} (dotted, without {@code settings.}) may stand under settings */
  static boolean allowedUnderSettings(String key) {
    return SETTINGS.contains(Splitter.on('.').limit(2).splitToList(key).get(0));
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
