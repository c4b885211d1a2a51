package io.batchscore.core.deployment;

import com.google.common.collect.ImmutableMap;
import io.batchscore.core.deployment.FlatSettings.Entry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the values of the keys that need more than {@link ValueReader}'s plain types are read and
 * checked: the model and code paths, the scorer, the mini-batch size, the output and the devices.
 * Each fails with the reader's one-line message naming the file, the key and the value.
 */
final class KeyValues {
  private static final Pattern JAVA_CLASS_NAME =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(?:\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
  private static final Map<String, String> LOGGING_LEVELS =
      ImmutableMap.of(
          "debug", "DEBUG",
          "info", "INFO",
          "warning", "WARNING",
          "warn", "WARNING",
          "error", "ERROR",
          "critical", "CRITICAL");
  private static final String AZUREML = "azureml:";
  private static final String CODE = "a jar, a classes folder or a folder of jars";

  private KeyValues() {}

  /** {@code model.path}: a local path; a registered model ({@code azureml:...}) is refused. */
  static Path modelPath(ValueReader reader, Entry entry) {
    String text = reader.text(entry, "a local path to the model");
    if (text.regionMatches(true, 0, AZUREML, 0, AZUREML.length())) {
      throw reader.invalidBecause(
          entry,
          "'"
              + text
              + "' is a model registered in an Azure ML workspace; BatchScore needs a local path"
              + " to the model's folder or file (set model.path, or --set model.path=PATH)");
    }
    return reader.path(entry, "a local path to the model");
  }

  /** What the message for a missing {@code model.path} says, given the file's settings. */
  static String missingModel(FlatSettings flat) {
    return "the local folder or file of the model"
        + (flat.get("model.name").isPresent()
            ? " (a registered model's name and version need an Azure ML workspace)"
            : "");
  }

  /** {@code code_configuration.code}: a local path. */
  static Path codePath(ValueReader reader, Entry entry) {
    String text = reader.text(entry, CODE);
    if (text.regionMatches(true, 0, AZUREML, 0, AZUREML.length())) {
      throw reader.invalidBecause(entry, "'" + text + "' is an Azure ML asset; give a local path");
    }
    return reader.path(entry, CODE);
  }

  /**
   * {@code code_configuration.scoring_script}: a Java class name, or a Python script's path
   * relative to (and inside) {@code code_configuration.code}.
   */
  static String scorerClass(ValueReader reader, Entry entry) {
    String expected = "the fully qualified name of a class implementing io.batchscore.api.Scorer";
    String text = reader.text(entry, expected);
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".py")) {
      Path relative = Path.of(text).normalize();
      if (relative.isAbsolute() || relative.startsWith("..")) {
        throw reader.invalidBecause(
            entry,
            "'" + text + "' must be a file inside code_configuration.code, such as score.py");
      }
      return text;
    }
    if (lower.endsWith(".java") || lower.endsWith(".class") || lower.endsWith(".jar")) {
      throw reader.invalidBecause(
          entry,
          "'"
              + text
              + "' is a file; give "
              + expected
              + " (the jar goes in code_configuration.code)");
    }
    if (!JAVA_CLASS_NAME.matcher(text).matches()) {
      throw reader.invalid(entry, expected);
    }
    return text;
  }

  /** {@code mini_batch_size}: a count of items, or a size in bytes such as {@code 1MB}. */
  static MiniBatchSize miniBatchSize(ValueReader reader, Entry entry) {
    String expected = "a positive integer or a size such as 1MB";
    Long count = ValueReader.integer(entry.value());
    if (count != null) {
      if (count < 1 || count > Integer.MAX_VALUE) {
        throw reader.invalid(entry, expected);
      }
      return MiniBatchSize.ofItems(count.intValue());
    }
    if (!entry.value().isTextual()) {
      throw reader.invalid(entry, expected);
    }
    try {
      return MiniBatchSize.ofBytes(ByteSize.parse(entry.value().asText()));
    } catch (IllegalArgumentException e) {
      throw reader.invalid(entry, expected);
    }
  }

  /** {@code output_action}. */
  static OutputAction outputAction(ValueReader reader, Entry entry) {
    String expected = "append_row or summary_only";
    try {
      return OutputAction.parse(reader.text(entry, expected));
    } catch (IllegalArgumentException e) {
      throw reader.invalid(entry, expected);
    }
  }

  /** {@code output_file_name}: a file name, without a folder. */
  static String outputFileName(ValueReader reader, Entry entry) {
    String expected = "a file name such as predictions.csv (no folder)";
    String name = reader.text(entry, expected);
    if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw reader.invalid(entry, expected);
    }
    return name;
  }

  /** {@code logging_level}, in any case, as Python's level name. */
  static String loggingLevel(ValueReader reader, Entry entry) {
    String expected = "debug, info, warning, error or critical";
    String level = LOGGING_LEVELS.get(reader.text(entry, expected).toLowerCase(Locale.ROOT));
    if (level == null) {
      throw reader.invalid(entry, expected);
    }
    return level;
  }

  /** {@code devices}. */
  static DeviceSelection devices(ValueReader reader, Entry entry) {
    String expected = "auto, cpu, cuda or cuda:N[,M...]";
    try {
      return DeviceSelection.parse(reader.text(entry, expected));
    } catch (IllegalArgumentException e) {
      throw reader.invalid(entry, expected);
    }
  }
}
