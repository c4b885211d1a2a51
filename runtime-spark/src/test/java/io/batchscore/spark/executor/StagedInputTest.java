package io.batchscore.spark.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input files that travel with a task: the executor scores local copies under the same names,
 * needing nothing of the driver's folder (the originals are deleted before the copies are made),
 * names failed items as the driver listed them, and deletes the copies at the end.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StagedInputTest {

  @Test
  void theScorerGetsLocalCopiesUnderTheSameNamesAndFailuresNameTheOriginals(@TempDir Path tmp)
      throws Exception {
    Path a =
        Files.writeString(Files.createDirectories(tmp.resolve("in/x")).resolve("img.png"), "A");
    Path b =
        Files.writeString(Files.createDirectories(tmp.resolve("in/y")).resolve("img.png"), "B");
    Path gone = tmp.resolve("in/gone.png");
    TaskInput in = TaskInput.of(7, MiniBatch.ofFiles(3, 2, List.of(a, b, gone)), true);
    assertThat(in.contents()).hasSize(3);
    // the executor has no access to the driver's files
    Files.delete(a);
    Files.delete(b);

    Path folder;
    try (StagedInput staged = StagedInput.of(in)) {
      MiniBatch batch = staged.batch();
      assertThat(batch.index()).isEqualTo(3);
      assertThat(batch.attempt()).isEqualTo(2);
      List<Path> copies = batch.files();
      assertThat(copies).hasSize(3);
      assertThat(copies).allSatisfy(p -> assertThat(p.startsWith(tmp)).isFalse());
      assertThat(copies.stream().map(p -> p.getFileName().toString()))
          .containsExactly("img.png", "img.png", "gone.png");
      assertThat(Files.readString(copies.get(0))).isEqualTo("A");
      assertThat(Files.readString(copies.get(1))).isEqualTo("B");
      assertThat(copies.get(2)).as("a file the driver could not read").doesNotExist();

      assertThat(staged.original(batch.itemName(1))).isEqualTo(b.toString());
      assertThat(staged.original("cannot read " + batch.itemName(2) + ": no such file"))
          .isEqualTo("cannot read " + gone + ": no such file");
      folder = copies.get(0).getParent().getParent();
    }
    assertThat(folder).as("the copies are deleted").doesNotExist();
  }

  @Test
  void withoutContentsTheScorerGetsTheDriversPaths(@TempDir Path tmp) throws Exception {
    Path a = Files.writeString(tmp.resolve("a.png"), "A");
    TaskInput in = TaskInput.of(0, MiniBatch.ofFiles(1, 1, List.of(a)));
    assertThat(in.contents()).isNull();
    try (StagedInput staged = StagedInput.of(in)) {
      assertThat(staged.batch().files()).containsExactly(a);
      assertThat(staged.original(a.toString())).isEqualTo(a.toString());
    }
  }
}
