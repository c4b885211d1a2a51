package io.batchscore.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingDigestTest {

  @TempDir Path tmp;

  private static List<String> digests(MiniBatchSource source) throws IOException {
    List<String> out = new ArrayList<>();
    try (source) {
      while (source.next() != null) {
        out.add(source.listingDigest());
      }
    }
    return out;
  }

  private Path folderOfFiles(int n) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.createDirectories(in.resolve("sub"));
    for (int i = 0; i < n; i++) {
      Path f = (i % 4 == 3 ? in.resolve("sub") : in).resolve("f" + i + ".png");
      Files.writeString(f, "x".repeat(i));
      Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_000_000L + i));
    }
    return in;
  }

  @Test
  void aFileChangeAltersTheDigestsFromItsMiniBatchOnOnly() throws IOException {
    Path in = folderOfFiles(10);
    List<String> first = digests(new FileMiniBatchSource(in, 3));
    assertThat(first).hasSize(4).doesNotHaveDuplicates().allMatch(d -> d.matches("[0-9a-f]{16}"));
    assertThat(digests(new FileMiniBatchSource(in, 3)))
        .as("same input, same digests")
        .isEqualTo(first);

    // listing order: f0 f1 f2 | f4 f5 f6 | f8 f9 sub/f3 | sub/f7
    Files.setLastModifiedTime(in.resolve("f5.png"), FileTime.fromMillis(1_800_000_000_000L));
    List<String> touched = digests(new FileMiniBatchSource(in, 3));
    assertThat(touched.get(0)).isEqualTo(first.get(0));
    for (int i = 1; i < 4; i++) {
      assertThat(touched.get(i)).as("mini-batch %d", i).isNotEqualTo(first.get(i));
    }

    Files.writeString(in.resolve("sub/f7.png"), "longer now");
    List<String> resized = digests(new FileMiniBatchSource(in, 3));
    assertThat(resized.subList(0, 3)).isEqualTo(touched.subList(0, 3));
    assertThat(resized.get(3)).isNotEqualTo(touched.get(3));
  }

  @Test
  void aRenameAltersTheDigestButTheInputFoldersOwnPathDoesNot() throws IOException {
    Path in = folderOfFiles(4);
    List<String> first = digests(new FileMiniBatchSource(in, 2));
    Path moved = Files.move(in, tmp.resolve("elsewhere"));
    assertThat(digests(new FileMiniBatchSource(moved, 2))).isEqualTo(first);
    Files.move(moved.resolve("f1.png"), moved.resolve("f1b.png"));
    assertThat(digests(new FileMiniBatchSource(moved, 2)).get(0)).isNotEqualTo(first.get(0));
  }

  @Test
  void aSingleFileAndCsvInputsAreDigestedToo() throws IOException {
    Path one = Files.writeString(tmp.resolve("one.png"), "abc");
    List<String> single = digests(new FileMiniBatchSource(one, 5));
    assertThat(single).hasSize(1).allMatch(d -> d.length() == 16);

    Path csvs = Files.createDirectories(tmp.resolve("csv"));
    Files.writeString(csvs.resolve("a.csv"), "x,y\n1,2\n3,4\n5,6\n");
    Files.writeString(csvs.resolve("b.csv"), "x,y\n7,8\n9,10\n");
    List<String> rows = digests(new CsvMiniBatchSource(csvs, 8));
    assertThat(rows).hasSizeGreaterThan(2).allMatch(d -> d.length() == 16);
    assertThat(digests(new CsvMiniBatchSource(csvs, 8))).isEqualTo(rows);
    Files.writeString(csvs.resolve("b.csv"), "x,y\n7,8\n9,100\n");
    List<String> changed = digests(new CsvMiniBatchSource(csvs, 8));
    assertThat(changed.get(0)).as("rows of a.csv only").isEqualTo(rows.get(0));
    assertThat(changed.get(changed.size() - 1)).isNotEqualTo(rows.get(rows.size() - 1));
  }

  @Test
  void aCsvFileOpenedOnlyToLookAheadCountsForTheNextMiniBatch() throws IOException {
    Path csvs = Files.createDirectories(tmp.resolve("csv"));
    // rows of 4 bytes, mini-batches of 8: a.csv fills mini-batch 0 exactly; cutting it reads
    // b.csv's first row, which goes to mini-batch 1
    Files.writeString(csvs.resolve("a.csv"), "x,y\n1,2\n3,4\n");
    Files.writeString(csvs.resolve("b.csv"), "x,y\n5,6\n");
    List<String> before = digests(new CsvMiniBatchSource(csvs, 8));
    assertThat(before).hasSize(2);
    Files.writeString(csvs.resolve("b.csv"), "x,y\n5,6\n7,8\n");
    Files.writeString(csvs.resolve("c.csv"), "x,y\n9,9\n");
    List<String> after = digests(new CsvMiniBatchSource(csvs, 8));
    assertThat(after.get(0)).as("mini-batch 0 holds a.csv's rows only").isEqualTo(before.get(0));
    assertThat(after.get(1)).isNotEqualTo(before.get(1));
  }

  @Test
  void namesAreRelativeToTheInputWhateverItsSpelling() throws IOException {
    Path in = folderOfFiles(3);
    List<String> plain = digests(new FileMiniBatchSource(in, 2));
    assertThat(digests(new FileMiniBatchSource(Path.of(in + "/"), 2))).isEqualTo(plain);
    assertThat(digests(new FileMiniBatchSource(in.resolve("sub/.."), 2))).isEqualTo(plain);
  }
}
