package io.batchscore.gpu.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictReaderTest {

  static final Path WEIGHTS = Path.of("../examples/fashion-mnist/model/weights.pth");
  static final Path FIXTURES = Path.of("src/test/resources/state-dicts");

  @Test
  void readsTheFashionMnistWeightsAsPythonTorchDoes() throws IOException {
    Map<String, NamedTensor> sd = StateDictReader.read(WEIGHTS);
    JsonNode expected;
    try (InputStream in = Files.newInputStream(FIXTURES.resolve("weights-expected.json"))) {
      expected = new ObjectMapper().readTree(in);
    }
    assertThat(sd.keySet())
        .containsExactly(
            "sequence.1.weight", "sequence.1.bias", "sequence.3.weight", "sequence.3.bias");
    for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.startsWith("_")) {
        continue;
      }
      JsonNode e = expected.get(key);
      NamedTensor t = sd.get(key);
      assertThat(t.name()).isEqualTo(key);
      long[] shape = new long[e.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = e.get("shape").get(i).asLong();
      }
      assertThat(t.shape()).as(key).containsExactly(shape);
      double sum = 0;
      double absSum = 0;
      for (float v : t.data()) {
        sum += v;
        absSum += Math.abs(v);
      }
      assertThat(sum).as(key + " sum").isCloseTo(e.get("sum").asDouble(), within(1e-4));
      assertThat(absSum).as(key + " abs sum").isCloseTo(e.get("absSum").asDouble(), within(1e-4));
      for (int i = 0; i < 3; i++) {
        assertThat(t.data()[i])
            .as(key + "[" + i + "]")
            .isEqualTo((float) e.get("first").get(i).asDouble());
      }
      assertThat(t.data()[t.numel() - 1]).isEqualTo((float) e.get("last").asDouble());
    }
  }

  @Test
  void honoursStorageOffsetsAndStridesOfViewsSharingOneStorage() throws IOException {
    Map<String, NamedTensor> sd = StateDictReader.read(FIXTURES.resolve("views.pth"));
    assertThat(sd.keySet()).containsExactly("base", "row", "col", "tr");
    assertThat(sd.get("base").data()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f);
    assertThat(sd.get("row").shape()).containsExactly(3);
    assertThat(sd.get("row").data()).containsExactly(3.5f, 4.5f, 5.5f);
    assertThat(sd.get("col").data()).containsExactly(1.5f, 4.5f);
    assertThat(sd.get("tr").shape()).containsExactly(3, 2);
    assertThat(sd.get("tr").data()).containsExactly(0.5f, 3.5f, 1.5f, 4.5f, 2.5f, 5.5f);
  }

  @Test
  void otherStorageTypesFailNamingKeyAndType() {
    Path file = FIXTURES.resolve("double.pth");
    assertThatThrownBy(() -> StateDictReader.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'w'")
        .hasMessageContaining("torch.DoubleStorage");
  }

  @Test
  void corruptOrLegacyFilesFailNamingTheFile(@TempDir Path dir) throws IOException {
    Path garbage = Files.write(dir.resolve("weights.pth"), new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> StateDictReader.read(garbage))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(garbage + ": not a PyTorch state dict");
    Path legacy = FIXTURES.resolve("legacy.pth");
    assertThatThrownBy(() -> StateDictReader.read(legacy))
        .hasMessageContaining(legacy.toString())
        .hasMessageContaining("torch 1.6 or later");
    byte[] whole = Files.readAllBytes(WEIGHTS);
    Path truncated =
        Files.write(dir.resolve("truncated.pth"), java.util.Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> StateDictReader.read(truncated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(truncated.toString());
    assertThatThrownBy(() -> StateDictReader.read(dir.resolve("missing.pth")))
        .hasMessageContaining("missing.pth");
  }
}
