package io.batchscore.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys' one declaration against what users read and what the loader and builder do. */
class DeploymentKeysTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String HEADER = "| key | default | meaning here |";

  @TempDir Path dir;

  @Test
  void theReadmesTableOfKeysIsTheDeclaredOne() throws Exception {
    List<String> readme = Files.readAllLines(README);
    int start = readme.indexOf(HEADER);
    assertThat(start).as("%s has the table of deployment keys", README).isNotNegative();
    int end = start;
    while (end < readme.size() && readme.get(end).startsWith("|")) {
      end++;
    }
    int paragraphEnd = end + 1;
    while (paragraphEnd < readme.size() && !readme.get(paragraphEnd).isBlank()) {
      paragraphEnd++;
    }
    String table = String.join("\n", readme.subList(start, end));
    String ignored = String.join(" ", readme.subList(end + 1, paragraphEnd));
    String[] expected = DeploymentKeys.markdownTable().split("\n\n", 2);

    assertThat(table)
        .as("the README's table of keys; paste DeploymentKeys.markdownTable() over it")
        .isEqualTo(expected[0]);
    assertThat(ignored).isEqualToIgnoringWhitespace(expected[1]);
  }

  @Test
  void theBuildersDefaultsAreTheLoadersDefaults() {
    Deployment loaded =
        DeploymentLoader.fromYaml(
            "model: m\ncode_configuration: {scoring_script: a.Scorer}\n", dir, List.of());
    Deployment built =
        Deployment.builder(dir.resolve(DeploymentLoader.INLINE))
            .name("inline")
            .modelPath(dir.resolve("m"))
            .scorerClass("a.Scorer")
            .build();

    assertThat(built).isEqualTo(loaded);
  }

  @Test
  void everyDefaultWrittenAsTheTableShowsItReadsAsTheDefault() {
    String yaml = "model: m\ncode_configuration: {scoring_script: a.Scorer}\n";
    Deployment defaults = DeploymentLoader.fromYaml(yaml, dir, List.of());
    List<String> sets =
        DeploymentKeys.ALL.stream()
            .filter(k -> k.writtenDefault().isPresent())
            .map(k -> k.name() + "=" + k.writtenDefault().get())
            .collect(Collectors.toList());

    assertThat(sets).hasSizeGreaterThan(10);
    assertThat(DeploymentLoader.fromYaml(yaml, dir, sets)).isEqualTo(defaults);
  }

  @Test
  void setTakesEveryKeyTheTableNamesAndOnlyThose() {
    String yaml = "model: m\ncode_configuration: {scoring_script: a.Scorer}\n";
    for (String key : DeploymentKeys.names()) {
      String value = key.equals("environment_variables") ? "X" : "1";
      String set = (key.equals("environment_variables") ? key + ".NAME" : key) + "=" + value;
      assertThatThrownBy(() -> DeploymentLoader.fromYaml(yaml, dir, List.of(set, "nokey=1")))
          .as(set)
          .hasMessageContaining("unknown key 'nokey'");
    }
  }
}
