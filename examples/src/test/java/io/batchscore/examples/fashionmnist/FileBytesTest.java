package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reused read buffer gives each file's exact bytes, whatever was read before it. */
class FileBytesTest {

  @TempDir Path dir;

  private final FileBytes reader = new FileBytes();

  @Test
  void readsWholeFilesOfAnySizeInTurn() throws IOException {
    Random r = new Random(7);
    for (int size : new int[] {500, 0, 8192, 8193, 100_000, 3}) {
      byte[] content = new byte[size];
      r.nextBytes(content);
      Path f = Files.write(dir.resolve("f" + size), content);
      int n = reader.read(f);
      assertThat(n).as("size %d", size).isEqualTo(size);
      assertThat(Arrays.copyOf(reader.bytes(), n)).isEqualTo(content);
    }
  }

  @Test
  void aMissingFileFails() {
    assertThatThrownBy(() -> reader.read(dir.resolve("missing.png")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(IOException.class);
  }
}
