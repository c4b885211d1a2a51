package io.batchscore.examples.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Python script sees in a BatchScore worker: {@code AZUREML_MODEL_DIR} holding the model
 * under its own name, the device and thread variables, the deployment's variables and arguments,
 * its folder as working folder; where its print and stderr go; tabular input as a DataFrame and a
 * DataFrame result written as the cloud writes it; the one-line errors of a bad start.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonWorkerEnvironmentTest {

  private static final String PROBE =
      String.join(
          "\n",
          "import json, os, sys",
          "info = None",
          "def init():",
          "    global info",
          "    names = ('AZUREML_MODEL_DIR', 'CUDA_VISIBLE_DEVICES', 'OMP_NUM_THREADS',",
          "             'MKL_NUM_THREADS', 'MY_SETTING', 'AZUREML_BI_OUTPUT_PATH')",
          "    info = {k: os.environ.get(k) for k in names}",
          "    info['argv'] = sys.argv[1:]",
          "    info['cwd'] = os.getcwd()",
          "    info['listing'] = sorted(os.listdir(os.environ['AZUREML_MODEL_DIR']))",
          "    print('printed by init')",
          "    sys.stderr.write('written to stderr by init\\n')",
          "def run(mini_batch):",
          "    return [json.dumps(dict(info, item=os.path.basename(p))) for p in mini_batch]");

  @TempDir Path tmp;
  private Path code;
  private Path model;
  private Path input;

  @BeforeEach
  void setUp() throws Exception {
    code = Files.createDirectories(tmp.resolve("code"));
    model = Files.createDirectories(tmp.resolve("models/my-model"));
    Files.writeString(model.resolve("weights.bin"), "w");
    input = Files.createDirectories(tmp.resolve("in"));
    for (String f : List.of("a.png", "b.png", "c.png")) {
      Files.writeString(input.resolve(f), "");
    }
  }

  private Deployment deployment(String script, String... extra) throws Exception {
    Files.writeString(code.resolve("score.py"), script);
    Path file = tmp.resolve("deployment.yml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "model:",
            "  path: models/my-model",
            "code_configuration:",
            "  code: code",
            "  scoring_script: score.py",
            "devices: cpu",
            "intra_op_threads: 1",
            "logging_level: debug",
            "environment_variables:",
            "  MY_SETTING: 'from the deployment'",
            ""));
    List<String> settings = new ArrayList<>(List.of("environment.python=" + Pythons.plain()));
    settings.addAll(List.of(extra));
    return DeploymentLoader.load(file, settings);
  }

  private String stdoutLogs(Path out) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(out.resolve("logs/user/stdout"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  @Test
  void theScriptSeesTheCloudsVariablesAndArguments() throws Exception {
    Path out = tmp.resolve("out");
    JobResult r =
        ScoringJob.builder(deployment(PROBE, "environment.conda_file=missing.yml"), input, out)
            .build()
            .run();
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    List<String> rows = Files.readAllLines(out.resolve("predictions.csv"));
    assertThat(rows).hasSize(3);
    JsonNode info = new ObjectMapper().readTree(rows.get(0));
    assertThat(info.get("item").asText()).isEqualTo("a.png");
    Path modelDir = Path.of(info.get("AZUREML_MODEL_DIR").asText());
    assertThat(info.get("listing").toString()).isEqualTo("[\"my-model\"]");
    assertThat(Files.exists(modelDir)).as("the link folder is removed after the job").isFalse();
    assertThat(info.get("CUDA_VISIBLE_DEVICES").asText()).isEmpty();
    assertThat(info.get("OMP_NUM_THREADS").asText()).isEqualTo("1");
    assertThat(info.get("MKL_NUM_THREADS").asText()).isEqualTo("1");
    assertThat(info.get("MY_SETTING").asText()).isEqualTo("from the deployment");
    assertThat(info.get("cwd").asText()).isEqualTo(code.toString());
    assertThat(info.get("AZUREML_BI_OUTPUT_PATH").asText()).isEqualTo(out.toString());
    assertThat(info.get("argv").toString())
        .startsWith("[\"--logging_level\",\"DEBUG\",")
        .contains("\"--mini_batch_size\",\"10\"")
        .contains("\"--run_invocation_timeout\",\"30\"");
    assertThat(stdoutLogs(out))
        .contains("printed by init")
        .contains("written to stderr by init")
        .containsOnlyOnce(
            "WARNING [node000/process000] environment.conda_file: "
                + tmp.resolve("missing.yml")
                + " does not exist; no package was checked");
  }

  @Test
  void theModelLinkResolvesToTheModelWhileTheScriptRuns() throws Exception {
    String script =
        String.join(
            "\n",
            "import os",
            "def init():",
            "    pass",
            "def run(mini_batch):",
            "    path = os.path.join(os.environ['AZUREML_MODEL_DIR'], 'weights.bin')",
            "    return [open(path).read() + ' ' + os.path.basename(p) for p in mini_batch]");
    Path out = tmp.resolve("out");
    JobResult r =
        ScoringJob.builder(
                deployment(script, "model.path=" + model.resolve("weights.bin")), input, out)
            .build()
            .run();
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(Files.readAllLines(out.resolve("predictions.csv")))
        .containsExactly("w a.png", "w b.png", "w c.png");
  }

  @Test
  void tabularInputIsADataFrameAndADataFrameResultIsWrittenSpaceSeparated() throws Exception {
    String python = Pythons.withPandas();
    Files.writeString(input.resolve("a.png"), "");
    Path csv = Files.createDirectories(tmp.resolve("table"));
    Files.writeString(csv.resolve("rows.csv"), "id,x,name\n1,2,a b\n2,5,c\n3,7,d\n");
    String script =
        String.join(
            "\n",
            "import pandas as pd",
            "def init():",
            "    pass",
            "def run(mini_batch):",
            "    assert isinstance(mini_batch, pd.DataFrame), type(mini_batch)",
            "    return pd.DataFrame({'id': mini_batch['id'], 'double': mini_batch['x'] * 2,",
            "                         'name': mini_batch['name']})");
    Path out = tmp.resolve("out");
    JobResult r =
        ScoringJob.builder(
                deployment(script, "mini_batch_size=1KB", "environment.python=" + python), csv, out)
            .build()
            .run();
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsSucceeded()).isEqualTo(3);
    assertThat(Files.readAllLines(out.resolve("predictions.csv")))
        .containsExactly("1 4 \"a b\"", "2 10 c", "3 14 d");
  }

  @Test
  void tabularInputWithoutPandasIsAStartError() throws Exception {
    Path noSitePackages =
        Files.writeString(
            tmp.resolve("python-without-site.sh"),
            "#!/bin/sh\nexec " + Pythons.plain() + " -S \"$@\"\n");
    noSitePackages.toFile().setExecutable(true);
    Path csv = Files.createDirectories(tmp.resolve("table"));
    Files.writeString(csv.resolve("rows.csv"), "id,x\n1,2\n");
    Deployment d =
        deployment(
            "def init():\n    pass\ndef run(b):\n    return b\n",
            "mini_batch_size=1KB",
            "environment.python=" + noSitePackages);
    assertThatThrownBy(() -> ScoringJob.builder(d, csv, tmp.resolve("out")).build().run())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("tabular input")
        .hasMessageContaining("pandas.DataFrame")
        .hasMessageContaining(noSitePackages + " ")
        .hasMessageContaining("has no pandas")
        .hasMessageContaining("environment.python");
  }

  @Test
  void aMissingScriptOrInterpreterIsAOneLineStartError() throws Exception {
    Deployment noScript = deployment("", "code_configuration.scoring_script=nope.py");
    assertThatThrownBy(() -> ScoringJob.builder(noScript, input, tmp.resolve("o1")).build().run())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("code_configuration.scoring_script: nope.py not found in " + code);
    Deployment noPython = deployment("", "environment.python=/nowhere/python3");
    assertThatThrownBy(() -> ScoringJob.builder(noPython, input, tmp.resolve("o2")).build().run())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("environment.python: /nowhere/python3 is not an executable file");
    Path notPython =
        Files.writeString(tmp.resolve("false.sh"), "#!/bin/sh\necho no python here >&2\nexit 7\n");
    notPython.toFile().setExecutable(true);
    Deployment bad = deployment("", "environment.python=" + notPython);
    assertThatThrownBy(() -> ScoringJob.builder(bad, input, tmp.resolve("o3")).build().run())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("exit status 7")
        .hasMessageContaining("no python here");
  }
}
