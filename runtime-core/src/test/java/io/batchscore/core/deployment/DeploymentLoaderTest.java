package io.batchscore.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeploymentLoaderTest {
  private static final String MINIMAL =
      "model: model\ncode_configuration:\n  scoring_script: com.example.Scorer\n";

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private Deployment load(String yaml, String... overrides) throws IOException {
    return DeploymentLoader.load(write("deployment.yml", yaml), List.of(overrides));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      String yaml, String... overrides) throws IOException {
    Path file = write("deployment.yml", yaml);
    return assertThatThrownBy(() -> DeploymentLoader.load(file, List.of(overrides)))
        .isInstanceOf(DeploymentException.class)
        .hasMessageStartingWith(file + ": ");
  }

  @Test
  void readsSeedStyleTopLevelFile() throws IOException {
    Deployment d =
        load(
            """
            $schema: https://azuremlschemas.azureedge.net/latest/batchDeployment.schema.json
            name: blue
            endpoint_name: endpoint-batch
            model:
              path: ../model/weights.onnx
            code_configuration:
              code: ../../src/
              scoring_script: com.example.FashionScorer
            environment:
              conda_file: score-conda.yml
              image: mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:latest
            compute: azureml:cluster-cpu
            resources:
              instance_count: 2
              instance_type: Standard_DS3_v2
            max_concurrency_per_instance: 3
            mini_batch_size: 10
            output_file_name: predictions_pytorch.csv
            retry_settings:
              max_retries: 5
              timeout: 2.5
            error_threshold: 7
            output_action: append_row
            logging_level: warning
            environment_variables:
              CHAOS_FAIL: "07.*"
              PORT: 8080
            devices: cuda:0,1
            intra_op_threads: 4
            isolate_failed_items: false
            """);
    assertThat(d.source()).isEqualTo(dir.resolve("deployment.yml").toAbsolutePath());
    assertThat(d.name()).isEqualTo("blue");
    assertThat(d.modelPath()).isEqualTo(dir.getParent().resolve("model/weights.onnx"));
    assertThat(d.code()).contains(dir.getParent().getParent().resolve("src"));
    assertThat(d.scorerClass()).isEqualTo("com.example.FashionScorer");
    assertThat(d.instanceCount()).isEqualTo(2);
    assertThat(d.maxConcurrencyPerInstance()).isEqualTo(3);
    assertThat(d.workerCount()).isEqualTo(6);
    assertThat(d.miniBatchSize()).isEqualTo(MiniBatchSize.ofItems(10));
    assertThat(d.outputFileName()).isEqualTo("predictions_pytorch.csv");
    assertThat(d.retry()).isEqualTo(new RetrySettings(5, Duration.ofMillis(2500)));
    assertThat(d.errorThreshold()).isEqualTo(7);
    assertThat(d.outputAction()).isEqualTo(OutputAction.APPEND_ROW);
    assertThat(d.loggingLevel()).isEqualTo("WARNING");
    assertThat(d.environmentVariables())
        .containsExactly(Map.entry("CHAOS_FAIL", "07.*"), Map.entry("PORT", "8080"));
    assertThat(d.devices())
        .isEqualTo(new DeviceSelection(DeviceSelection.Mode.CUDA, List.of(0, 1)));
    assertThat(d.intraOpThreads()).isEqualTo(4);
    assertThat(d.isolateFailures()).isFalse();
    assertThat(d.ignoredKeys())
        .containsExactly(
            "$schema", "endpoint_name", "environment", "compute", "resources.instance_type");
  }

  @Test
  void readsSettingsLayout() throws IOException {
    Deployment d =
        load(
            """
            type: model
            model: ./models/fashion
            code_configuration:
              scoring_script: com.example.Scorer
            resources:
              instance_count: 1
            settings:
              max_concurrency_per_instance: 2
              mini_batch_size: 1MB
              output_action: Summary-Only
              retry_settings:
                max_retries: 2
                timeout: 60
              environment_variables:
                MODE: fast
              logging_level: DEBUG
            """);
    assertThat(d.modelPath()).isEqualTo(dir.resolve("models/fashion"));
    assertThat(d.maxConcurrencyPerInstance()).isEqualTo(2);
    assertThat(d.miniBatchSize()).isEqualTo(MiniBatchSize.ofBytes(1 << 20));
    assertThat(d.miniBatchSize().isBytes()).isTrue();
    assertThat(d.outputAction()).isEqualTo(OutputAction.SUMMARY_ONLY);
    assertThat(d.retry()).isEqualTo(new RetrySettings(2, Duration.ofMinutes(1)));
    assertThat(d.environmentVariables()).containsExactly(Map.entry("MODE", "fast"));
    assertThat(d.loggingLevel()).isEqualTo("DEBUG");
    assertThat(d.ignoredKeys()).containsExactly("type");
  }

  @Test
  void fillsDefaults() throws IOException {
    Deployment d = load(MINIMAL);
    assertThat(d.name()).isEqualTo("deployment");
    assertThat(d.code()).isEmpty();
    assertThat(d.instanceCount()).isEqualTo(1);
    assertThat(d.maxConcurrencyPerInstance()).isEqualTo(1);
    assertThat(d.miniBatchSize()).isEqualTo(new MiniBatchSize(10, 0));
    assertThat(d.retry()).isEqualTo(new RetrySettings(3, Duration.ofSeconds(30)));
    assertThat(d.errorThreshold()).isEqualTo(-1);
    assertThat(d.outputAction()).isEqualTo(OutputAction.APPEND_ROW);
    assertThat(d.outputFileName()).isEqualTo("predictions.csv");
    assertThat(d.loggingLevel()).isEqualTo("INFO");
    assertThat(d.environmentVariables()).isEmpty();
    assertThat(d.devices()).isEqualTo(DeviceSelection.auto());
    assertThat(d.intraOpThreads()).isZero();
    assertThat(d.isolateFailures()).isTrue();
    assertThat(d.ignoredKeys()).isEmpty();
  }

  @Test
  void fromYamlResolvesAgainstBaseDirAndNamesInline() {
    Deployment d = DeploymentLoader.fromYaml(MINIMAL, dir, List.of("mini_batch_size=3"));
    assertThat(d.modelPath()).isEqualTo(dir.toAbsolutePath().resolve("model"));
    assertThat(d.name()).isEqualTo("inline");
    assertThat(d.source().getParent()).isEqualTo(dir.toAbsolutePath());
    assertThat(d.miniBatchSize().items()).isEqualTo(3);
    assertThatThrownBy(() -> DeploymentLoader.fromYaml(MINIMAL + "bogus: 1\n", dir, List.of()))
        .hasMessageStartingWith("<inline>: unknown key 'bogus'");
  }

  @Nested
  class Overrides {
    @Test
    void applyToTopLevelAndNestedKeys() throws IOException {
      Deployment d =
          load(
              MINIMAL + "mini_batch_size: 10\nretry_settings:\n  max_retries: 4\n",
              "mini_batch_size=50",
              "retry_settings.timeout=5",
              "resources.instance_count=3",
              "error_threshold=5",
              "output_action=summary_only",
              "logging_level=error",
              "devices=cpu",
              "isolate_failed_items=false",
              "intra_op_threads = 2",
              "name=green",
              "code_configuration.code=lib/scorer.jar");
      assertThat(d.miniBatchSize().items()).isEqualTo(50);
      assertThat(d.retry()).isEqualTo(new RetrySettings(4, Duration.ofSeconds(5)));
      assertThat(d.instanceCount()).isEqualTo(3);
      assertThat(d.errorThreshold()).isEqualTo(5);
      assertThat(d.outputAction()).isEqualTo(OutputAction.SUMMARY_ONLY);
      assertThat(d.loggingLevel()).isEqualTo("ERROR");
      assertThat(d.devices().mode()).isEqualTo(DeviceSelection.Mode.CPU);
      assertThat(d.isolateFailures()).isFalse();
      assertThat(d.intraOpThreads()).isEqualTo(2);
      assertThat(d.name()).isEqualTo("green");
      assertThat(d.code()).contains(dir.resolve("lib/scorer.jar"));
    }

    @Test
    void applyToKeysUnderSettings() throws IOException {
      String yaml =
          MINIMAL + "settings:\n  mini_batch_size: 10\n  retry_settings:\n    timeout: 9\n";
      Deployment d = load(yaml, "mini_batch_size=5", "settings.retry_settings.timeout=1.5");
      assertThat(d.miniBatchSize().items()).isEqualTo(5);
      assertThat(d.retry().timeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void setEnvironmentVariablesAsText() throws IOException {
      Deployment d =
          load(
              MINIMAL + "environment_variables:\n  KEEP: x\n  CHAOS_FAIL: none\n",
              "environment_variables.CHAOS_FAIL=07.*",
              "environment_variables.ZEROS=007",
              "environment_variables.QUOTED='a b'",
              "environment_variables.EQ=a=b",
              "environment_variables.EMPTY=");
      assertThat(d.environmentVariables())
          .containsExactly(
              Map.entry("KEEP", "x"),
              Map.entry("CHAOS_FAIL", "07.*"),
              Map.entry("ZEROS", "007"),
              Map.entry("QUOTED", "a b"),
              Map.entry("EQ", "a=b"),
              Map.entry("EMPTY", ""));
    }

    @Test
    void setModelPathInEitherForm() throws IOException {
      assertThat(load(MINIMAL, "model.path=/x").modelPath()).isEqualTo(Path.of("/x"));
      assertThat(load(MINIMAL, "model=/y/../z").modelPath()).isEqualTo(Path.of("/z"));
      String registered = MINIMAL.replace("model: model", "model: azureml:fashion@latest");
      assertThat(load(registered, "model.path=weights").modelPath())
          .isEqualTo(dir.resolve("weights"));
    }

    @Test
    void laterOverrideWins() throws IOException {
      assertThat(load(MINIMAL, "mini_batch_size=5", "mini_batch_size=2MB").miniBatchSize())
          .isEqualTo(MiniBatchSize.ofBytes(2L << 20));
    }

    @Test
    void rejectUnknownKeyWithSuggestion() throws IOException {
      assertFails(MINIMAL, "mini_bach_size=5")
          .hasMessageContaining("--set mini_bach_size: unknown key 'mini_bach_size'")
          .hasMessageContaining("did you mean mini_batch_size?");
    }

    @Test
    void rejectOverrideWithoutEquals() throws IOException {
      assertFails(MINIMAL, "mini_batch_size")
          .hasMessageContaining("--set 'mini_batch_size': expected KEY=VALUE");
    }

    @Test
    void rejectGroupsAndWholeMaps() throws IOException {
      assertFails(MINIMAL, "retry_settings=5")
          .hasMessageContaining("--set retry_settings: 'retry_settings' is a group of keys");
      assertFails(MINIMAL, "environment_variables=A")
          .hasMessageContaining("--set environment_variables.NAME=VALUE");
    }

    @Test
    void badValueNamesTheOverride() throws IOException {
      assertFails(MINIMAL, "error_threshold=-2")
          .hasMessageContaining("--set error_threshold: expected an integer of at least -1")
          .hasMessageContaining("got '-2'");
      assertFails(MINIMAL, "model.path=").hasMessageContaining("--set model.path: expected");
    }
  }

  @Nested
  class UnknownKeys {
    @Test
    void topLevelWithSuggestion() throws IOException {
      assertFails(MINIMAL + "mini_bach_size: 10\n")
          .hasMessageContaining("deployment.yml: unknown key 'mini_bach_size'")
          .hasMessageContaining("did you mean mini_batch_size?");
    }

    @Test
    void nestedWithFullDottedKey() throws IOException {
      assertFails(MINIMAL + "retry_settings:\n  max_retry: 2\n")
          .hasMessageContaining("unknown key 'retry_settings.max_retry'")
          .hasMessageContaining("did you mean retry_settings.max_retries?");
    }

    @Test
    void underSettings() throws IOException {
      assertFails(MINIMAL + "settings:\n  output_acton: summary_only\n")
          .hasMessageContaining("unknown key 'settings.output_acton'")
          .hasMessageContaining("did you mean output_action?");
    }

    @Test
    void misplacedLeafFindsItsGroup() throws IOException {
      assertFails(MINIMAL + "timeout: 5\n")
          .hasMessageContaining("unknown key 'timeout'")
          .hasMessageContaining("did you mean retry_settings.timeout?");
    }

    @Test
    void farFromAnyKeyHasNoSuggestion() throws IOException {
      assertFails(MINIMAL + "completely_unrelated: 1\n")
          .hasMessageEndingWith("unknown key 'completely_unrelated'");
    }

    @Test
    void parallelRunStepNameIsExplained() throws IOException {
      assertFails(MINIMAL + "process_count_per_node: 2\n")
          .hasMessageContaining("here it is max_concurrency_per_instance");
    }

    @Test
    void topLevelOnlyKeyUnderSettings() throws IOException {
      assertFails("settings:\n  model: m\n")
          .hasMessageContaining("settings.model: model belongs at the top level");
    }
  }

  @Test
  void sameKeyInBothPlacesIsAnError() throws IOException {
    assertFails(MINIMAL + "mini_batch_size: 10\nsettings:\n  mini_batch_size: 20\n")
        .hasMessageContaining("mini_batch_size is set both at the top level and under settings:");
    assertFails(
            MINIMAL
                + "retry_settings:\n  timeout: 1\n"
                + "settings:\n  retry_settings:\n    timeout: 2\n")
        .hasMessageContaining("retry_settings.timeout is set both");
  }

  @Test
  void duplicateKeyInOneMappingIsAnError() throws IOException {
    assertFails(MINIMAL + "mini_batch_size: 10\nmini_batch_size: 20\n")
        .hasMessageContaining("malformed YAML")
        .hasMessageContaining("mini_batch_size");
  }

  @Nested
  class BadValues {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "mini_batch_size: ten | mini_batch_size: expected a positive integer or a size such as 1MB, got 'ten'",
          "mini_batch_size: 0 | mini_batch_size: expected a positive integer or a size such as 1MB, got '0'",
          "mini_batch_size: 1.5 | mini_batch_size: expected a positive integer or a size such as 1MB, got '1.5'",
          "mini_batch_size: 10 parsecs | mini_batch_size: expected a positive integer or a size such as 1MB",
          "mini_batch_size: | mini_batch_size: expected a positive integer or a size such as 1MB, got nothing",
          "resources: {instance_count: 0} | resources.instance_count: expected a positive integer, got '0'",
          "max_concurrency_per_instance: -1 | max_concurrency_per_instance: expected a positive integer, got '-1'",
          "max_concurrency_per_instance: many | max_concurrency_per_instance: expected a positive integer, got 'many'",
          "max_concurrency_per_instance: 99999999999 | max_concurrency_per_instance: expected a positive integer",
          "retry_settings: {max_retries: 0} | retry_settings.max_retries: expected a positive integer, got '0'",
          "retry_settings: {timeout: 0} | retry_settings.timeout: expected a positive number of seconds",
          "retry_settings: {timeout: -3} | retry_settings.timeout: expected a positive number of seconds",
          "retry_settings: {timeout: soon} | retry_settings.timeout: expected a positive number of seconds such as 30 or 2.5, got 'soon'",
          "retry_settings: 5 | retry_settings: expected a mapping of keys such as retry_settings.timeout, got '5'",
          "error_threshold: -2 | error_threshold: expected an integer of at least -1 (-1 = no limit), got '-2'",
          "output_action: append | output_action: expected append_row or summary_only, got 'append'",
          "output_file_name: out/predictions.csv | output_file_name: expected a file name such as predictions.csv (no folder)",
          "output_file_name: '..' | output_file_name: expected a file name",
          "output_file_name: '' | output_file_name: expected a file name such as predictions.csv (no folder), got ''",
          "logging_level: verbose | logging_level: expected debug, info, warning, error or critical, got 'verbose'",
          "environment_variables: [A, B] | environment_variables: expected a mapping of NAME: value",
          "environment_variables: {A: [1, 2]} | environment_variables.A: expected a plain value (text or number), got '[1,2]'",
          "devices: gpu | devices: expected auto, cpu, cuda or cuda:N[,M...], got 'gpu'",
          "devices: 'cuda:0,0' | devices: expected auto, cpu, cuda or cuda:N[,M...], got 'cuda:0,0'",
          "devices: 'cuda:x' | devices: expected auto, cpu, cuda or cuda:N[,M...]",
          "intra_op_threads: -1 | intra_op_threads: expected an integer of at least 0, got '-1'",
          "isolate_failed_items: maybe | isolate_failed_items: expected true or false, got 'maybe'",
          "name: '  ' | name: expected a name, got '  '",
          "settings: 3 | settings: expected a mapping of keys, got '3'",
        })
    void isRejectedNamingFileKeyAndValue(String line, String message) throws IOException {
      assertFails(MINIMAL + line + "\n").hasMessageContaining("deployment.yml: " + message);
    }

    @Test
    void underSettingsNamesTheSettingsKey() throws IOException {
      assertFails(MINIMAL + "settings:\n  mini_batch_size: ten\n")
          .hasMessageContaining("settings.mini_batch_size: expected a positive integer");
    }

    @Test
    void missingModel() throws IOException {
      assertFails("code_configuration:\n  scoring_script: a.B\n")
          .hasMessageContaining("model.path is required");
    }

    @Test
    void registeredModelReference() throws IOException {
      assertFails(MINIMAL.replace("model: model", "model: azureml:model-batch@latest"))
          .hasMessageContaining("deployment.yml: model: 'azureml:model-batch@latest'")
          .hasMessageContaining("needs a local path");
      assertFails(MINIMAL.replace("model: model", "model:\n  path: azureml:model-batch:1"))
          .hasMessageContaining("model.path: 'azureml:model-batch:1'");
      assertFails(MINIMAL.replace("model: model", "model:\n  name: fashion\n  version: 1"))
          .hasMessageContaining("model.path is required")
          .hasMessageContaining("registered model");
    }

    @Test
    void emptyPaths() throws IOException {
      assertFails(MINIMAL.replace("model: model", "model: ''"))
          .hasMessageContaining("model: expected a local path to the model, got ''");
      assertFails("model: m\ncode_configuration:\n  code: ''\n  scoring_script: a.B\n")
          .hasMessageContaining("code_configuration.code: expected a jar");
    }

    @Test
    void missingScoringScript() throws IOException {
      assertFails("model: m\n")
          .hasMessageContaining("code_configuration.scoring_script is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"score.py", "batch_driver.PY", "sub/score.py"})
    void pythonScoringScriptIsAccepted(String script) throws IOException {
      Deployment d = load("model: m\ncode_configuration:\n  scoring_script: " + script + "\n");
      assertThat(d.scorerClass()).isEqualTo(script);
      assertThat(d.isPythonScript()).isTrue();
      assertThat(d.environment()).isEqualTo(ScriptEnvironment.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../score.py", "/tmp/score.py"})
    void pythonScoringScriptOutsideTheCodeFolder(String script) throws IOException {
      assertFails("model: m\ncode_configuration:\n  scoring_script: " + script + "\n")
          .hasMessageContaining("code_configuration.scoring_script: '" + script + "'")
          .hasMessageContaining("must be a file inside code_configuration.code");
    }

    @Test
    void pythonEnvironmentFromTheFileAndFromSet() throws IOException {
      String yaml =
          "model: m\ncode_configuration:\n  scoring_script: score.py\n"
              + "environment:\n  conda_file: env/conda.yml\n  image: some/image:latest\n";
      Deployment d = load(yaml);
      assertThat(d.environment().condaFile()).contains(dir.resolve("env/conda.yml"));
      assertThat(d.environment().python()).isEmpty();
      assertThat(d.ignoredKeys()).contains("environment");
      Deployment set =
          load(yaml, "environment.python=/usr/bin/python3", "environment.conda_file=other.yml");
      assertThat(set.environment().python()).contains("/usr/bin/python3");
      assertThat(set.environment().condaFile()).contains(dir.resolve("other.yml"));
      assertThat(set.ignoredKeys()).doesNotContain("environment.python");
      assertThat(
              load("model: m\ncode_configuration:\n  scoring_script: a.B\n"
                      + "environment: azureml:my-env@latest\n")
                  .environment())
          .isEqualTo(ScriptEnvironment.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Scorer.java", "com/example/Scorer", "1Scorer", "scorer.jar"})
    void scoringScriptThatIsNoClassName(String script) throws IOException {
      assertFails("model: m\ncode_configuration:\n  scoring_script: " + script + "\n")
          .hasMessageContaining("code_configuration.scoring_script: ")
          .hasMessageContaining(script);
    }
  }

  @Nested
  class FileErrors {
    @Test
    void missingFile() {
      Path file = dir.resolve("nope.yml");
      assertThatThrownBy(() -> DeploymentLoader.load(file, List.of()))
          .isInstanceOf(DeploymentException.class)
          .hasMessage(file + ": no such deployment file");
    }

    @Test
    void directoryIsUnreadable() {
      assertThatThrownBy(() -> DeploymentLoader.load(dir, List.of()))
          .isInstanceOf(DeploymentException.class)
          .hasMessageStartingWith(dir + ": cannot read");
    }

    @Test
    void malformedYamlHasLineAndColumn() throws IOException {
      assertFails("model: m\nmini_batch_size: [1, 2\nname: x\n")
          .hasMessageContaining("deployment.yml: malformed YAML at line 3, column")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void emptyFile() throws IOException {
      assertFails("").hasMessageContaining("the deployment file is empty");
      assertFails("# only a comment\n").hasMessageContaining("the deployment file is empty");
    }

    @Test
    void notAMapping() throws IOException {
      assertFails("- a\n- b\n").hasMessageContaining("expected a mapping of keys");
    }
  }

  @Test
  void relativePathsResolveAgainstTheFilesFolder() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("cloud/endpoint"));
    Path file =
        Files.writeString(
            sub.resolve("deployment.yml"),
            "model:\n  path: ../../model/./fashion\ncode_configuration:\n  code: ../../src/\n"
                + "  scoring_script: com.example.Scorer\n");
    Deployment d = DeploymentLoader.load(file, List.of());
    assertThat(d.modelPath()).isEqualTo(dir.resolve("model/fashion").toAbsolutePath());
    assertThat(d.modelPath().isAbsolute()).isTrue();
    assertThat(d.code()).contains(dir.resolve("src").toAbsolutePath());
    Deployment absolute = DeploymentLoader.load(file, List.of("model.path=/opt/models/m"));
    assertThat(absolute.modelPath()).isEqualTo(Path.of("/opt/models/m"));
  }

  @Test
  void environmentVariableValuesKeepTheirText() throws IOException {
    Deployment d =
        load(
            MINIMAL
                + "environment_variables:\n  A: 1.10\n  B: true\n  C:\n  D: '07'\n  E: 42\n"
                + "  F: 07\n  G: 1e3\n");
    assertThat(d.environmentVariables())
        .containsExactly(
            Map.entry("A", "1.10"),
            Map.entry("B", "true"),
            Map.entry("C", ""),
            Map.entry("D", "07"),
            Map.entry("E", "42"),
            Map.entry("F", "07"),
            Map.entry("G", "1e3"));
  }

  @ParameterizedTest(name = "logging_level {0} -> {1}")
  @CsvSource({
    "debug,DEBUG",
    "Info,INFO",
    "WARNING,WARNING",
    "warn,WARNING",
    "error,ERROR",
    "critical,CRITICAL"
  })
  void loggingLevels(String given, String expected) throws IOException {
    assertThat(load(MINIMAL + "logging_level: " + given + "\n").loggingLevel()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "output_action {0}")
  @ValueSource(strings = {"append_row", "APPEND_ROW", "append-row", "Append-Row", "appendrow"})
  void outputActionSpellings(String given) throws IOException {
    assertThat(load(MINIMAL + "output_action: " + given + "\n").outputAction())
        .isEqualTo(OutputAction.APPEND_ROW);
  }

  @ParameterizedTest(name = "devices {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {"auto|auto", "CPU|cpu", "cuda|cuda", "cuda:0|cuda:0", "'cuda: 1, 3'|cuda:1,3"})
  void deviceForms(String given, String shown) throws IOException {
    assertThat(load(MINIMAL + "devices: " + given + "\n").devices()).hasToString(shown);
  }

  @ParameterizedTest(name = "timeout {0} -> {1} ms")
  @CsvSource({"30,30000", "2.5,2500", "0.001,1", "'45',45000"})
  void timeouts(String given, long millis) throws IOException {
    assertThat(load(MINIMAL + "retry_settings:\n  timeout: " + given + "\n").retry().timeout())
        .isEqualTo(Duration.ofMillis(millis));
  }
}
