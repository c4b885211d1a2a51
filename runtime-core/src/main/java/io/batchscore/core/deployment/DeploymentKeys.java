package io.batchscore.core.deployment;

import static io.batchscore.core.deployment.DeploymentKey.ignored;
import static io.batchscore.core.deployment.DeploymentKey.value;

import com.google.common.collect.ImmutableList;
import io.batchscore.core.deployment.DeploymentKey.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every key of the deployment file, each declared once: name, type, default, how it is read and
 * checked, and what it means. The loader reads the keys in this order (so the first bad key in it
 * is the one reported), {@code --set} accepts exactly these keys, and the README's table of keys
 * is {@link #markdownTable()}.
 */
public final class DeploymentKeys {
  static final String ENVIRONMENT_VARIABLES = "environment_variables";

  static final List<DeploymentKey<?>> ALL =
      ImmutableList.of(
          ignored("$schema", false),
          value("name", (r, e) -> r.text(e, "a name"), Deployment.Builder::name)
              .shownDefault("the file's name")
              .means("the deployment's name in `logs/sys/job.log` and the report"),
          ignored("endpoint_name", false),
          ignored("description", false),
          ignored("type", false),
          ignored("compute", false),
          ignored("environment", true),
          ignored("tags", true),
          ignored("properties", true),
          value("model.path", KeyValues::modelPath, Deployment.Builder::modelPath)
              .required(KeyValues::missingModel)
              .alsoWritten("`model: PATH`")
              .means("folder or file handed to the scorer as `modelDir()`"),
          ignored("model.name", false),
          ignored("model.version", false),
          ignored("model.type", false),
          ignored("model.description", false),
          ignored("model.tags", true),
          value(
                  "code_configuration.scoring_script",
                  KeyValues::scorerClass,
                  Deployment.Builder::scorerClass)
              .required(flat -> "the class name of the scorer, such as com.example.MyScorer")
              .means(
                  "the scorer's class name, or a Python script such as `score.py` (see"
                      + " [Python scoring scripts](#python-scoring-scripts))"),
          value("code_configuration.code", KeyValues::codePath, Deployment.Builder::code)
              .shownDefault("class path")
              .means("jar, classes folder or folder of jars holding the scorer"),
          value(
                  "resources.instance_count",
                  (r, e) -> r.intAtLeast(e, 1),
                  Deployment.Builder::instanceCount)
              .defaultsTo("1")
              .means("instances; each is a \"node\" of the log layout"),
          ignored("resources.instance_type", false),
          ignored("resources.properties", true),
          value(
                  "max_concurrency_per_instance",
                  (r, e) -> r.intAtLeast(e, 1),
                  Deployment.Builder::maxConcurrencyPerInstance)
              .defaultsTo("1")
              .inSettings()
              .means("workers per instance and device"),
          value("mini_batch_size", KeyValues::miniBatchSize, Deployment.Builder::miniBatchSize)
              .defaultsTo("10")
              .inSettings()
              .means("files per mini-batch; for tabular input a size such as `1MB`"),
          value("retry_settings.timeout", ValueReader::positiveSeconds, Deployment.Builder::timeout)
              .defaultsTo("30")
              .inSettings()
              .means("seconds one `run` may take before the attempt is abandoned"),
          value(
                  "retry_settings.max_retries",
                  (r, e) -> r.intAtLeast(e, 1),
                  Deployment.Builder::maxRetries)
              .defaultsTo("3")
              .inSettings()
              .means("attempts of a mini-batch (and of a worker's `init`)"),
          value(
                  "error_threshold",
                  (r, e) -> r.longAtLeast(e, -1, "an integer of at least -1 (-1 = no limit)"),
                  Deployment.Builder::errorThreshold)
              .defaultsTo("-1")
              .inSettings()
              .means("failed items tolerated for the whole job; -1 = no limit"),
          value("output_action", KeyValues::outputAction, Deployment.Builder::outputAction)
              .defaultsTo("append_row")
              .inSettings()
              .means("`append_row` or `summary_only`"),
          value("output_file_name", KeyValues::outputFileName, Deployment.Builder::outputFileName)
              .defaultsTo("predictions.csv")
              .inSettings()
              .means("file in the output folder that collects the rows"),
          value("logging_level", KeyValues::loggingLevel, Deployment.Builder::loggingLevel)
              .defaultsTo("info")
              .inSettings()
              .means("level of the workers' loggers"),
          DeploymentKey.map(ENVIRONMENT_VARIABLES, Deployment.Builder::environmentVariables)
              .inSettings()
              .means("exposed to the scorer through `environment()`"),
          value("devices", KeyValues::devices, Deployment.Builder::devices)
              .defaultsTo("auto")
              .inSettings()
              .ours()
              .means("`auto`, `cpu`, `cuda`, `cuda:0,1`: where workers go"),
          value(
                  "intra_op_threads",
                  (r, e) -> r.intAtLeast(e, 0),
                  Deployment.Builder::intraOpThreads)
              .defaultsTo("0")
              .inSettings()
              .ours()
              .means("engine threads per worker; 0 = cores ÷ workers (at least 1)"),
          value("isolate_failed_items", ValueReader::bool, Deployment.Builder::isolateFailures)
              .defaultsTo("true")
              .inSettings()
              .ours()
              .means(
                  "split a mini-batch that failed all its attempts to find the bad items; set"
                      + " `false` for scorers that cannot run on a subset"),
          value("prefetch", ValueReader::bool, Deployment.Builder::prefetch)
              .defaultsTo("true")
              .inSettings()
              .ours()
              .means("for a `PreparingScorer`, prepare the next mini-batch while one runs"),
          value(
                  "environment.python",
                  (r, e) -> r.text(e, "a Python interpreter"),
                  Deployment.Builder::python)
              .shownDefault("`$BATCHSCORE_PYTHON`, else `python3`")
              .ours()
              .means("a Python scoring script's interpreter: a path or a command on the PATH"),
          value(
                  "environment.conda_file",
                  (r, e) -> r.path(e, "a conda file"),
                  Deployment.Builder::condaFile)
              .shownDefault("none")
              .means("its packages are checked against the interpreter at start (not installed)"));

  private DeploymentKeys() {}

  /** @return the keys this runtime reads, dotted, in the file's order; {@code --set} takes them */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (DeploymentKey<?> k : ALL) { // a loop, not a stream: this runs at every launch
      if (k.kind() == Kind.VALUE || k.kind() == Kind.MAP) {
        names.add(k.name());
      }
    }
    return List.copyOf(names);
  }

  /**
   * @return the README's table of the keys this runtime reads ({@code | key | default | meaning
   *     here |}), one line per key, then the sentence naming the keys accepted and ignored
   */
  public static String markdownTable() {
    StringBuilder table =
        new StringBuilder("| key | default | meaning here |\n| --- | --- | --- |\n");
    for (DeploymentKey<?> k : ALL) {
      if (k.kind() == Kind.VALUE || k.kind() == Kind.MAP) {
        String key =
            "`"
                + k.name()
                + "`"
                + (k.alsoWritten().isEmpty() ? "" : " (or " + k.alsoWritten() + ")")
                + (k.isOurs() ? " (ours)" : "");
        table
            .append("| ")
            .append(key)
            .append(" | ")
            .append(k.shownDefault())
            .append(" | ")
            .append(k.meaning())
            .append(" |\n");
      }
    }
    String ignored =
        ALL.stream()
            .filter(k -> k.kind() == Kind.IGNORED || k.kind() == Kind.IGNORED_TREE)
            .map(k -> "`" + k.name() + "`")
            .collect(Collectors.joining(", "));
    return table
        .append('\n')
        .append(ignored)
        .append(" are accepted and listed in `logs/sys/job.log` as ignored locally.\n")
        .toString();
  }
}
