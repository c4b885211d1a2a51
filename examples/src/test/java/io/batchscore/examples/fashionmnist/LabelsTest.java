package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A row is the file's name, a colon and the class name, as the seed writes it. */
class LabelsTest {

  @Test
  void rowIsFileNameAndClassName() {
    assertThat(Labels.row(Path.of("/data/in/00042.png"), 9)).isEqualTo("00042.png: Ankle Boot");
    assertThat(Labels.row(Path.of("rel/dir/x.png"), 0)).isEqualTo("x.png: T-Shirt");
    assertThat(Labels.row(Path.of("x.png"), 3)).isEqualTo("x.png: Dress");
    for (int i = 0; i < Labels.COUNT; i++) {
      Path p = Path.of("a", "b c", "é.png");
      assertThat(Labels.row(p, i)).isEqualTo(p.getFileName() + ": " + Labels.name(i));
    }
  }
}
