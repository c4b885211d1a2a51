package io.batchscore.core.deployment;

import com.google.common.collect.ImmutableMap;
import io.batchscore.core.deployment.FlatSettings.Entry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads each key of a {@link FlatSettings} into its typed value, with defaults, into a record. */
final class DeploymentAssembler {
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

  private final String file;
  private final FlatSettings flat;
  private final ValueReader reader;
  private final Path baseDir;

  private DeploymentAssembler(String file, FlatSettings flat, Path baseDir) {
    this.file = file;
    this.flat = flat;
    this.reader = new ValueReader(file);
    this.baseDir = baseDir;
  }

  /**
   * @param file the file's name, for messages
   * @param source the deployment file, absolute
   * @param flat its settings, overrides applied
   * @param defaultName the name when the file has none
   * @return the deployment
   * @throws DeploymentException naming the file and key of the first bad or missing value
   */
  static Deployment assemble(String file, Path source, FlatSettings flat, String defaultName) {
    DeploymentAssembler a = new DeploymentAssembler(file, flat, source.getParent());
    return new Deployment(
        source,
        a.optional("name", e -> a.reader.text(e, "a name")).orElse(defaultName),
        a.modelPath(),
        a.optional("code_configuration.code", a::codePath),
        a.scorerClass(),
        a.intAtLeast("resources.instance_count", 1, 1),
        a.intAtLeast("max_concurrency_per_instance", 1, 1),
        a.optional("mini_batch_size", a::miniBatchSize).orElse(MiniBatchSize.ofItems(10)),
        new RetrySettings(
            a.intAtLeast("retry_settings.max_retries", 1, 3),
            a.optional("retry_settings.timeout", a.reader::positiveSeconds)
                .orElse(Duration.ofSeconds(30))),
        a.optional(
                "error_threshold",
                e -> a.reader.longAtLeast(e, -1, "an integer of at least -1 (-1 = no limit)"))
            .orElse(-1L),
        a.optional("output_action", a::outputAction).orElse(OutputAction.APPEND_ROW),
        a.optional("output_file_name", a::outputFileName).orElse("predictions.csv"),
        a.optional("logging_level", a::loggingLevel).orElse("INFO"),
        a.environmentVariables(),
        a.optional("devices", a::devices).orElse(DeviceSelection.auto()),
        a.intAtLeast("intra_op_threads", 0, 0),
        a.optional("isolate_failed_items", a.reader::bool).orElse(true),
        a.optional("prefetch", a.reader::bool).orElse(true),
        List.copyOf(flat.ignoredKeys()),
        a.scriptEnvironment());
  }

  private <T> Optional<T> optional(String key, Function<Entry, T> read) {
    return flat.get(key).map(read);
  }

  private int intAtLeast(String key, int min, int defaultValue) {
    String expected = min == 1 ? "a positive integer" : "an integer of at least " + min;
    return optional(key, e -> reader.intAtLeast(e, min, expected)).orElse(defaultValue);
  }

  private Path modelPath() {
    Entry entry =
        flat.get("model.path")
            .orElseThrow(
                () ->
                    new DeploymentException(
                        file
                            + ": model.path is required: the local folder or file of the model"
                            + (flat.get("model.name").isPresent()
                                ? " (a registered model's name and version need an Azure ML"
                                    + " workspace)"
                                : "")));
    String text = reader.text(entry, "a local path to the model");
    if (text.regionMatches(true, 0, AZUREML, 0, AZUREML.length())) {
      throw reader.invalidBecause(
          entry,
          "'"
              + text
              + "' is a model registered in an Azure ML workspace; BatchScore needs a local path"
              + " to the model's folder or file (set model.path, or --set model.path=PATH)");
    }
    return reader.path(entry, baseDir, "a local path to the model");
  }

  private Path codePath(Entry entry) {
    String text = reader.text(entry, "a jar, a classes folder or a folder of jars");
    if (text.regionMatches(true, 0, AZUREML, 0, AZUREML.length())) {
      throw reader.invalidBecause(entry, "'" + text + "' is an Azure ML asset; give a local path");
    }
    return reader.path(entry, baseDir, "a jar, a classes folder or a folder of jars");
  }

  private String scorerClass() {
    Entry entry =
        flat.get("code_configuration.scoring_script")
            .orElseThrow(
                () ->
                    new DeploymentException(
                        file
                            + ": code_configuration.scoring_script is required: the class name of"
                            + " the scorer, such as com.example.MyScorer"));
    String expected = "the fully qualified name of a class implementing io.batchscore.api.Scorer";
    String text = reader.text(entry, expected);
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".py")) {
      return pythonScript(entry, text);
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

  /** A Python script's path relative to {@code code_configuration.code}, inside it. */
  private String pythonScript(Entry entry, String text) {
    Path relative = Path.of(text).normalize();
    if (relative.isAbsolute() || relative.startsWith("..")) {
      throw reader.invalidBecause(
          entry, "'" + text + "' must be a file inside code_configuration.code, such as score.py");
    }
    return text;
  }

  /**
   * {@code environment.python} and {@code environment.conda_file}, from the file's {@code
   * environment} mapping or {@code --set environment.KEY=VALUE}; other forms of {@code
   * environment} (a registered environment's name) carry neither.
   */
  private ScriptEnvironment scriptEnvironment() {
    return new ScriptEnvironment(
        environmentValue("python").map(e -> reader.text(e, "a Python interpreter")),
        environmentValue("conda_file").map(e -> reader.path(e, baseDir, "a conda file")));
  }

  private Optional<Entry> environmentValue(String key) {
    Optional<Entry> set = flat.get("environment." + key);
    if (set.isPresent()) {
      return set;
    }
    return flat.get("environment")
        .filter(e -> e.value().isObject() && e.value().has(key))
        .map(e -> new Entry(e.value().get(key), e.where() + "." + key));
  }

  private MiniBatchSize miniBatchSize(Entry entry) {
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

  private OutputAction outputAction(Entry entry) {
    String expected = "append_row or summary_only";
    try {
      return OutputAction.parse(reader.text(entry, expected));
    } catch (IllegalArgumentException e) {
      throw reader.invalid(entry, expected);
    }
  }

  private String outputFileName(Entry entry) {
    String expected = "a file name such as predictions.csv (no folder)";
    String name = reader.text(entry, expected);
    if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw reader.invalid(entry, expected);
    }
    return name;
  }

  private String loggingLevel(Entry entry) {
    String expected = "debug, info, warning, error or critical";
    String level = LOGGING_LEVELS.get(reader.text(entry, expected).toLowerCase(Locale.ROOT));
    if (level == null) {
      throw reader.invalid(entry, expected);
    }
    return level;
  }

  private DeviceSelection devices(Entry entry) {
    String expected = "auto, cpu, cuda or cuda:N[,M...]";
    try {
      return DeviceSelection.parse(reader.text(entry, expected));
    } catch (IllegalArgumentException e) {
      throw reader.invalid(entry, expected);
    }
  }

  private Map<String, String> environmentVariables() {
    Map<String, String> variables = new LinkedHashMap<>();
    flat.under(DeploymentKeys.ENVIRONMENT_VARIABLES)
        .forEach((name, entry) -> variables.put(name, reader.anyScalar(entry)));
    return ImmutableMap.copyOf(variables);
  }
}
