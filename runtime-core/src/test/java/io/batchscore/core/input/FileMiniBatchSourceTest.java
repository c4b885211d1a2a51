package io.batchscore.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMiniBatchSourceTest {

  @TempDir Path tmp;

  @Test
  void listsRecursivelyInNameOrderSkippingHiddenFilesAndCutsIntoBatches() throws Exception {
    for (String f :
        List.of(
            "b.png",
            "a.png",
            "sub/c.png",
            "sub/a.png",
            "z/deeper/x.png",
            ".hidden",
            "sub/.DS_Store",
            "c.png")) {
      Path p = tmp.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    FileMiniBatchSource source = new FileMiniBatchSource(tmp, 3);
    List<List<String>> batches = new ArrayList<>();
    List<Long> indices = new ArrayList<>();
    MiniBatch b;
    while ((b = source.next()) != null) {
      indices.add(b.index());
      assertThat(b.attempt()).isEqualTo(1);
      batches.add(b.files().stream().map(p -> tmp.relativize(p).toString()).toList());
    }
    assertThat(batches)
        .containsExactly(
            List.of("a.png", "b.png", "c.png"),
            List.of("sub/a.png", "sub/c.png", "z/deeper/x.png"));
    assertThat(indices).containsExactly(0L, 1L);
    assertThat(source.itemsListed()).isEqualTo(6);
    assertThat(source.next()).isNull();
  }

  @Test
  void aSingleFileIsOneBatchAndAnEmptyFolderNone() throws Exception {
    Path f = tmp.resolve("one.png");
    Files.writeString(f, "x");
    FileMiniBatchSource single = new FileMiniBatchSource(f, 10);
    assertThat(single.next().files()).containsExactly(f);
    assertThat(single.next()).isNull();
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertThat(new FileMiniBatchSource(empty, 10).next()).isNull();
  }
}
