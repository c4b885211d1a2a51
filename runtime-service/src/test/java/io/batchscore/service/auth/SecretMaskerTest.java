package io.batchscore.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretMaskerTest {

  @Test
  void namesThatLookSecretAreMaskedInAnyCase() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HF_TOKEN", "hf_abc");
    env.put("db_password", "pw");
    env.put("ClientSecret", "s");
    env.put("API_KEY", "k");
    env.put("LOG_LEVEL", "INFO");
    assertThat(SecretMasker.mask(env))
        .containsExactly(
            Map.entry("HF_TOKEN", "****"),
            Map.entry("db_password", "****"),
            Map.entry("ClientSecret", "****"),
            Map.entry("API_KEY", "****"),
            Map.entry("LOG_LEVEL", "INFO"));
  }

  @Test
  void everyEnvironmentVariablesObjectInADocumentIsMasked() throws Exception {
    JsonNode doc =
        JsonMapper.builder()
            .build()
            .readTree(
                "{\"name\": \"d\", \"settings\": {"
                    + "\"environment_variables\": {\"HF_TOKEN\": \"hf_abc\", \"MODE\": \"fast\"}},"
                    + " \"jobs\": [{\"environment_variables\": {\"AWS_SECRET_ACCESS_KEY\": \"x\"}}]}");
    String masked = SecretMasker.maskDocument(doc).toString();
    assertThat(masked)
        .doesNotContain("hf_abc")
        .doesNotContain("\"x\"")
        .contains("\"MODE\":\"fast\"")
        .contains("\"HF_TOKEN\":\"****\"");
  }

  @Test
  void aJobsDottedEnvironmentOverridesAreMaskedInItsDocumentAndItsMap() throws Exception {
    JsonNode job =
        JsonMapper.builder()
            .build()
            .readTree(
                "{\"name\": \"j\", \"overrides\": {\"environment_variables.API_KEY\": \"k2\","
                    + " \"environment_variables.MODE\": \"fast\", \"mini_batch_size\": \"5\"}}");
    assertThat(SecretMasker.maskDocument(job).toString())
        .doesNotContain("k2")
        .contains("\"environment_variables.API_KEY\":\"****\"")
        .contains("\"environment_variables.MODE\":\"fast\"")
        .contains("\"mini_batch_size\":\"5\"");
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("environment_variables.db_secret", "s");
    overrides.put("api_key", "not an environment variable");
    assertThat(SecretMasker.maskOverrides(overrides))
        .containsExactly(
            Map.entry("environment_variables.db_secret", "****"),
            Map.entry("api_key", "not an environment variable"));
  }

  @Test
  void aJobsProcessDoesNotInheritTheClientsCredentials() {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "BATCHSCORE_TOKEN",
                "t",
                "BATCHSCORE_CREDENTIALS",
                "/home/u/.batchscore/credentials",
                "PATH",
                "/usr/bin"));
    assertThat(SecretMasker.withoutClientCredentials(env)).containsOnlyKeys("PATH");
  }
}
