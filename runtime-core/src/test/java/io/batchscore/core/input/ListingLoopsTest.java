package io.batchscore.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A folder link back to an ancestor, a dangling link and a FIFO in the input. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListingLoopsTest {

  @TempDir Path tmp;
  private Path in;

  @BeforeEach
  void setUp() throws Exception {
    in = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 10; i++) {
      Files.writeString(in.resolve("f" + i + ".txt"), "x");
    }
    Path sub = Files.createDirectories(in.resolve("loop"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(sub.resolve("g" + i + ".txt"), "y");
    }
    Files.createSymbolicLink(sub.resolve("up"), Path.of("..")); // loop/up -> ..
    Files.createSymbolicLink(in.resolve("dangling.txt"), Path.of("no-such-file"));
    Path linked = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(linked.resolve("h.txt"), "z");
    Files.createSymbolicLink(in.resolve("linked"), linked); // a link, but no loop: followed
    Process mkfifo = new ProcessBuilder("mkfifo", in.resolve("fifo").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
  }

  private static List<String> names(MiniBatchSource source) throws Exception {
    List<String> names = new ArrayList<>();
    for (MiniBatch b = source.next(); b != null; b = source.next()) {
      b.files().forEach(f -> names.add(f.getFileName().toString()));
    }
    return names;
  }

  @Test
  void aFolderLinkBackToAnAncestorIsListedOnce() throws Exception {
    List<String> names = names(new FileMiniBatchSource(in, 5));
    assertThat(names).hasSize(14).doesNotHaveDuplicates().contains("g0.txt", "h.txt");
  }

  @Test
  void everySkippedEntryIsReportedWithItsKind() throws Exception {
    List<String> lines = new ArrayList<>();
    SkippedEntries skipped = new SkippedEntries(lines::add);
    assertThat(names(new FileMiniBatchSource(in, 5, skipped))).hasSize(14);
    assertThat(skipped.total()).isEqualTo(3);
    assertThat(skipped.summary())
        .isEqualTo("1 dangling link, 1 folder link loop, 1 not a regular file");
    assertThat(String.join("\n", lines))
        .contains(in.resolve("loop/up").toString())
        .contains(in.resolve("dangling.txt").toString())
        .contains(in.resolve("fifo").toString());
  }
}
