package io.batchscore.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a conda file's packages and the modules they are imported as. */
class CondaFileTest {

  @TempDir Path tmp;

  @Test
  void readsTheSeedsCondaFile() throws IOException {
    Path file =
        Files.writeString(
            tmp.resolve("score-conda.yml"),
            """
        name: aml-batch-endpoint
        channels:
          - pytorch
          - conda-forge
        dependencies:
          - numpy=1.20
          - python=3.7
          - pytorch::pytorch=1.7
          - pillow=8.3.1
          - torchvision=0.8.1
          - pip
          - pip:
            - azureml-defaults==1.32.0
            - --extra-index-url https://example.org/simple
            - scikit-learn>=1.0
        """);
    CondaFile.Contents c = CondaFile.read(file);
    assertThat(c.python()).isEqualTo("3.7");
    assertThat(c.packages())
        .extracting(CondaFile.Package::name)
        .containsExactly(
            "numpy", "pytorch", "pillow", "torchvision", "azureml-defaults", "scikit-learn");
    assertThat(c.packages())
        .extracting(CondaFile.Package::version)
        .containsExactly("1.20", "1.7", "8.3.1", "0.8.1", "1.32.0", "1.0");
    assertThat(c.packages().get(1).modules()).containsExactly("torch");
    assertThat(c.packages().get(1).distributions()).containsExactly("torch");
    assertThat(c.packages().get(2).modules()).containsExactly("PIL");
    assertThat(c.packages().get(5).modules()).containsExactly("sklearn");
  }

  @Test
  void aFileThatIsNoCondaFileIsAnError() throws IOException {
    Path file = Files.writeString(tmp.resolve("x.yml"), "- just\n- a list\n");
    assertThatThrownBy(() -> CondaFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a conda environment file");
  }

  @Test
  void unknownNamesAreImportedUnderTheirOwnName() {
    assertThat(CondaFile.parse("my-lib==2"))
        .isEqualTo(new CondaFile.Package("my-lib", "2", List.of("my_lib"), List.of("my-lib")));
    assertThat(CondaFile.parse("git+https://example.org/x.git")).isNull();
  }
}
