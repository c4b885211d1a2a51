package io.batchscore.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlDocumentTest {

  /** How deployments were read before YamlDocument: its trees must be the same. */
  private static final ObjectMapper MAPPER =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "model: model\ncode_configuration:\n  code: ./src\n  scoring_script: a.B\n",
        "a:\nb: ~\nc: ''\nd: null\ne: \"\"\n",
        "i: 7\nl: 12345678901\nbig: 123456789012345678901234567890\nneg: -3\nhex: 0x1F\n",
        "f: 1.50\ng: 1e3\nh: -0.0\nk: .5\n",
        "t: true\nf: false\ny: yes\nquoted: 'true'\n",
        "list: [1, two, 3.0]\nnested:\n  - a: 1\n  - [x, y]\nempty: {}\nnone: []\n",
        "settings:\n  mini_batch_size: 10\n  retry_settings: {max_retries: 3, timeout: 30}\n",
        "bin: !!binary aGVsbG8=\n",
        "just a string\n",
        "- 1\n- 2\n",
      })
  void readsTheSameTreeAsAnObjectMapper(String yaml) throws Exception {
    assertThat(YamlDocument.parse(yaml).root()).isEqualTo(MAPPER.readTree(yaml));
  }

  @Test
  void anEmptyDocumentHasNoRoot() throws Exception {
    assertThat(YamlDocument.parse("").root()).isNull();
    assertThat(YamlDocument.parse("# only a comment\n").root()).isNull();
  }

  @Test
  void keepsEachNumberAsWritten() throws Exception {
    RawNumbers n = YamlDocument.parse("a: 07\nb:\n  c: 1e3\n  d: [1.50]\ne: text\n").numbers();
    assertThat(n.at(JsonPointer.compile("/a"))).isEqualTo("07");
    assertThat(n.at(JsonPointer.compile("/b/c"))).isEqualTo("1e3");
    assertThat(n.at(JsonPointer.compile("/b/d/0"))).isEqualTo("1.50");
    assertThat(n.at(JsonPointer.compile("/e"))).isNull();
  }

  @Test
  void rejectsARepeatedKeyAndBadYamlWithTheirPlace() {
    assertThatThrownBy(() -> YamlDocument.parse("a: 1\nb: 2\na: 3\n"))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> YamlDocument.parse("a: [1, 2\nb: 3\n"))
        .isInstanceOfSatisfying(
            JacksonException.class, e -> assertThat(e.getLocation().getLineNr()).isPositive());
  }

  /** A standard YAML reader: SnakeYAML resolves anchors, aliases and merge keys. */
  private static com.fasterxml.jackson.databind.JsonNode standard(String yaml) {
    return new ObjectMapper().valueToTree(new org.yaml.snakeyaml.Yaml().load(yaml));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "shared: &shared {timeout: 5, max_retries: 2}\nA: *shared\nB: *shared\n",
        "n: &n 10\nmini_batch_size: *n\nname: &s text\nagain: *s\n",
        "base: &b\n  x: 1\n  y: two\nderived:\n  <<: *b\n  y: three\n",
        "list: &l [a, b]\nagain: *l\nnested: {k: *l, j: [*l, *l]}\n",
        "m1: &m1 {a: 1, c: 0}\nm2: &m2 {b: 2, c: 9}\nboth:\n  <<: [*m1, *m2]\n  d: 3\n",
        "outer: &o {inner: &i {v: 1}}\ncopy: *i\nwhole: *o\n",
      })
  void resolvesAnchorsAliasesAndMergeKeysAsAStandardReaderDoes(String yaml) throws Exception {
    assertThat(YamlDocument.parse(yaml).root()).isEqualTo(standard(yaml));
  }

  @Test
  void anAliasIsNeverReadAsItsName() throws Exception {
    assertThat(YamlDocument.parse("shared: &shared 3\nB: *shared\n").root().get("B").asText())
        .isEqualTo("3");
    assertThatThrownBy(() -> YamlDocument.parse("B: *nowhere\n"))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("*nowhere");
  }

  @Test
  void anAliasBombIsRefused() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      bomb.append("]\n");
    }
    assertThatThrownBy(() -> YamlDocument.parse(bomb.toString()))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("aliases");
  }
}
