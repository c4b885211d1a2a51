package io.batchscore.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretYamlTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void secretValuesAreMaskedAndEverythingElseKeptAsWritten() throws Exception {
    String text =
        """
        # owned by team-scoring: HF_TOKEN comes from the vault
        name: blue   # the default
        endpoint_name: endpoint-batch
        environment_variables:
          HF_TOKEN: hf_plain_1        # trailing comment kept
          db_password: "quoted 2"
          ClientSecret: 'single 3'
          PLAIN: visible
          API_KEY: |
            block 4
            more 5
          LOG_LEVEL: INFO
          EMPTY_TOKEN:
        settings:
          environment_variables: {S3_KEY: flow6, MODE: fast, "X_TOKEN": "flow 7"}
        tags:
          HF_TOKEN: not-an-environment-value
        """;
    String masked = SecretYaml.mask(text);
    assertThat(masked)
        .doesNotContain(
            "hf_plain_1", "quoted 2", "single 3", "block 4", "more 5", "flow6", "flow 7")
        .contains("# owned by team-scoring: HF_TOKEN comes from the vault\n")
        .contains("name: blue   # the default\n")
        .contains("  HF_TOKEN: '****'        # trailing comment kept\n")
        .contains("  db_password: '****'\n")
        .contains("  ClientSecret: '****'\n")
        .contains("  PLAIN: visible\n")
        .contains("  API_KEY: '****'\n  LOG_LEVEL: INFO\n")
        .contains("  EMPTY_TOKEN:\n")
        .contains("{S3_KEY: '****', MODE: fast, \"X_TOKEN\": '****'}")
        .contains("HF_TOKEN: not-an-environment-value");
    // still YAML, with the same keys
    JsonNode before = YAML.readTree(text);
    JsonNode after = YAML.readTree(masked);
    assertThat(after.path("environment_variables").path("HF_TOKEN").asText()).isEqualTo("****");
    assertThat(after.path("environment_variables").path("PLAIN").asText()).isEqualTo("visible");
    assertThat(after.path("settings").path("environment_variables").path("MODE").asText())
        .isEqualTo("fast");
    assertThat(after.path("environment_variables").size())
        .isEqualTo(before.path("environment_variables").size());
  }

  @Test
  void anchorsMergeKeysDottedKeysAndWideCharactersAreFollowed() throws Exception {
    String text =
        """
        base: &shared
          SHARED_SECRET: &s anchored8
          NOTE: "😀 wide characters before a secret"
        environment_variables:
          <<: *shared
          OTHER_TOKEN: *s
          MODE: "😀"
          LATE_PASSWORD: late9
        environment_variables.CLI_KEY: dotted10
        """;
    String masked = SecretYaml.mask(text);
    assertThat(masked)
        .doesNotContain("anchored8", "late9", "dotted10")
        .contains("SHARED_SECRET: &s '****'\n")
        .contains("OTHER_TOKEN: *s\n")
        .contains("MODE: \"😀\"\n")
        .contains("LATE_PASSWORD: '****'\n")
        .contains("environment_variables.CLI_KEY: '****'\n");
    // SnakeYAML resolves the scalar alias (Jackson's YAML reader does not)
    java.util.Map<String, java.util.Map<String, Object>> doc =
        new org.yaml.snakeyaml.Yaml().load(masked);
    assertThat(doc.get("environment_variables"))
        .containsEntry("OTHER_TOKEN", "****")
        .containsEntry("SHARED_SECRET", "****")
        .containsEntry("MODE", "😀");
  }

  @Test
  void textWithNoSecretIsReturnedAsItIsAndTextThatIsNotYamlIsNotShown() {
    String plain = "# just a comment\nname: blue\nenvironment_variables:\n  MODE: fast\n";
    assertThat(SecretYaml.mask(plain)).isSameAs(plain);
    assertThat(SecretYaml.mask("environment_variables: {HF_TOKEN: hf_x\n  : ]["))
        .isEqualTo(SecretYaml.UNREADABLE)
        .doesNotContain("hf_x");
  }
}
