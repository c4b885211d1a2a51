package io.batchscore.core.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint keeps secret values out of {@code job_state.json} yet notices their change. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JobFingerprintTest {

  private static final String SECRET = "hf_do_not_show_1";

  @TempDir Path tmp;

  private Deployment deployment(String... sets) throws Exception {
    Files.createDirectories(tmp.resolve("model"));
    return DeploymentLoader.fromYaml(
        """
        model:
          path: model
        code_configuration:
          scoring_script: io.batchscore.core.testing.EchoScorer
        environment_variables:
          HF_TOKEN: %s
          PLAIN: visible
        """
            .formatted(SECRET),
        tmp,
        List.of(sets));
  }

  @Test
  void secretValuesAreWrittenAsSaltedDigestsOthersInClear() throws Exception {
    Path in = tmp.resolve("in");
    Map<String, String> f =
        JobFingerprint.of(deployment("environment_variables.db_password=pw9"), in);
    Path file = tmp.resolve("job_state.json");
    JobFingerprint.write(file, f);
    String text = Files.readString(file);
    assertThat(text)
        .doesNotContain(SECRET)
        .doesNotContain("pw9")
        .contains("PLAIN=visible")
        .containsPattern("HF_TOKEN=pbkdf2-sha256:[0-9a-f]{32}")
        .containsPattern("db_password=pbkdf2-sha256:[0-9a-f]{32}");
    // a new salt each job: two jobs with the same secret do not show the same digest
    assertThat(JobFingerprint.of(deployment(), in).get("environment_variables"))
        .isNotEqualTo(JobFingerprint.of(deployment(), in).get("environment_variables"));
  }

  @Test
  void aChangedSecretIsADifferenceNamedWithoutItsValue() throws Exception {
    Path in = tmp.resolve("in");
    Path file = tmp.resolve("job_state.json");
    JobFingerprint.write(file, JobFingerprint.of(deployment(), in));
    Map<String, String> before = JobFingerprint.read(file);

    assertThat(JobFingerprint.differences(before, deployment(), in)).isEmpty();
    List<String> changed =
        JobFingerprint.differences(
            before, deployment("environment_variables.HF_TOKEN=hf_other_value"), in);
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0))
        .startsWith("environment_variables was")
        .contains("HF_TOKEN=pbkdf2-sha256:")
        .doesNotContain(SECRET)
        .doesNotContain("hf_other_value");
  }

  @Test
  void anEarlierBatchScoresFileWithValuesInClearIsComparedButNeverQuoted() throws Exception {
    Path in = tmp.resolve("in");
    Map<String, String> before = new java.util.LinkedHashMap<>(JobFingerprint.of(deployment(), in));
    before.remove(JobFingerprint.SECRETS_SALT);
    before.put("environment_variables", "{HF_TOKEN=" + SECRET + ", PLAIN=visible}");

    assertThat(JobFingerprint.differences(before, deployment(), in)).isEmpty();
    List<String> changed =
        JobFingerprint.differences(
            before, deployment("environment_variables.HF_TOKEN=hf_other_value"), in);
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0))
        .contains("environment_variables differ")
        .doesNotContain(SECRET)
        .doesNotContain("hf_other_value");
  }
}
