package com.example.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.testing.ScorerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MyScorerTest {

  @Test
  void labelsTheSampleImages() throws Exception {
    var result = ScorerHarness.of(new MyScorer()).modelDir(Path.of("model")).runFiles(Path.of("sample"));
    assertThat(result.rows()).containsExactly("000.png: Ankle Boot", "001.png: Pullover",
        "002.png: Trouser", "003.png: Trouser", "004.png: Shirt");
    assertThat(result.logged("Init started on cpu")).isTrue();
  }

  @Test
  void aFileThatIsNoImageFailsAlone(@TempDir Path dir) throws Exception {
    Files.copy(Path.of("sample/000.png"), dir.resolve("000.png"));
    Files.writeString(dir.resolve("notes.txt"), "not an image");
    var result = ScorerHarness.of(new MyScorer()).modelDir(Path.of("model")).runFiles(dir);
    assertThat(result.rows()).containsExactly("000.png: Ankle Boot");
    assertThat(result.failedItems()).singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("notes.txt"));
  }
}
