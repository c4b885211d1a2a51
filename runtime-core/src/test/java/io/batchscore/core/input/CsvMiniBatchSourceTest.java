package io.batchscore.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMiniBatchSourceTest {

  @TempDir Path tmp;

  /** One mini-batch as the source handed it out. */
  record Batch(MiniBatch batch, List<RejectedItem> rejected, long bytes) {
    List<String> sources() {
      return batch.rows().stream().map(Row::source).toList();
    }
  }

  private static List<Batch> drain(CsvMiniBatchSource source) throws Exception {
    List<Batch> out = new ArrayList<>();
    MiniBatch b;
    while ((b = source.next()) != null) {
      assertThat(b.index()).isEqualTo(out.size());
      assertThat(b.attempt()).isEqualTo(1);
      out.add(new Batch(b, source.rejected(), source.lastBatchBytes()));
    }
    assertThat(source.next()).isNull();
    source.close();
    return out;
  }

  private Path write(String name, String content) throws Exception {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void cutsAtRowBoundariesAcrossFilesWithNoRowLostOrRepeated() throws Exception {
    Random random = new Random(42);
    List<String> expected = new ArrayList<>();
    List<Integer> rowBytes = new ArrayList<>();
    for (String file : List.of("a.csv", "b.csv", "sub/c.csv")) {
      StringBuilder sb = new StringBuilder("id,text\n");
      int rows = 20 + random.nextInt(30);
      for (int i = 0; i < rows; i++) {
        String line = file + "#" + i + "," + "x".repeat(random.nextInt(60)) + "\n";
        sb.append(line);
        expected.add(file + ":" + (i + 2));
        rowBytes.add(utf8(line));
      }
      write("in/" + file, sb.toString());
    }
    long limit = 150;
    List<Batch> batches = drain(new CsvMiniBatchSource(tmp.resolve("in"), limit));

    List<String> got = batches.stream().flatMap(b -> b.sources().stream()).toList();
    assertThat(got).containsExactlyElementsOf(expected); // in order, none lost, none repeated
    int next = 0;
    boolean spansFiles = false;
    for (Batch b : batches) {
      assertThat(b.batch().size()).isPositive();
      assertThat(b.rejected()).isEmpty();
      long sum = 0;
      for (int i = 0; i < b.batch().size(); i++) {
        sum += rowBytes.get(next + i);
      }
      assertThat(b.bytes()).isEqualTo(sum).isLessThanOrEqualTo(limit);
      if (next + b.batch().size() < rowBytes.size()) { // greedy: the next row did not fit
        assertThat(sum + rowBytes.get(next + b.batch().size())).isGreaterThan(limit);
      }
      next += b.batch().size();
      Set<String> files = new HashSet<>();
      b.sources().forEach(s -> files.add(s.substring(0, s.indexOf(':'))));
      spansFiles |= files.size() > 1;
    }
    assertThat(spansFiles).as("some mini-batch holds rows of two files").isTrue();
    for (Batch b : batches) { // the values are the rows' own
      for (Row r : b.batch().rows()) {
        String file = r.source().substring(0, r.source().indexOf(':'));
        long line = Long.parseLong(r.source().substring(r.source().indexOf(':') + 1));
        assertThat(r.get("id")).isEqualTo(file + "#" + (line - 2));
      }
    }
  }

  @Test
  void countsBytesOfRowsWithTheirLineEndsAndBlankLinesButNotTheHeader() throws Exception {
    String header = "\uFEFFname,city\r\n"; // BOM and CRLF
    String r1 = "é,Zürich\r\n";
    String r2 = "\"multi\r\nline\",\"a,b\"\r\n\r\n"; // a blank line after it
    String r3 = "last,row"; // no line end at EOF
    Path f = write("u.csv", header + r1 + r2 + r3);
    CsvMiniBatchSource source = new CsvMiniBatchSource(f, 1);
    List<Batch> batches = drain(source);

    assertThat(batches)
        .extracting(Batch::bytes)
        .containsExactly((long) utf8(r1), (long) utf8(r2), (long) utf8(r3));
    assertThat(source.bytesListed()).isEqualTo(Files.size(f) - utf8(header));
    assertThat(source.itemsListed()).isEqualTo(3);
    assertThat(batches.get(0).batch().rows().get(0).columns()).containsExactly("name", "city");
    assertThat(batches.get(0).batch().rows().get(0).get("city")).isEqualTo("Zürich");
  }

  @Test
  void readsQuotedFieldsEmbeddedNewlinesAndCrlfWithTheRecordsFirstLine() throws Exception {
    write(
        "q.csv",
        "id,comment,score\r\n"
            + "1,\"hello, world\",0.5\r\n"
            + "2,\"she said \"\"hi\"\"\",1.5\r\n"
            + "3,\"two\r\nlines\nthree\",2\r\n"
            + "4,,-3e2\r\n");
    List<Batch> batches = drain(new CsvMiniBatchSource(tmp.resolve("q.csv"), 1 << 20));
    assertThat(batches).hasSize(1);
    List<Row> rows = batches.get(0).batch().rows();
    assertThat(rows)
        .extracting(Row::source)
        .containsExactly("q.csv:2", "q.csv:3", "q.csv:4", "q.csv:7");
    assertThat(rows.get(0).get("comment")).isEqualTo("hello, world");
    assertThat(rows.get(1).get("comment")).isEqualTo("she said \"hi\"");
    assertThat(rows.get(2).get("comment")).isEqualTo("two\r\nlines\nthree");
    assertThat(rows.get(3).get("comment")).isEmpty();
    assertThat(rows.get(3).getDouble("score")).isEqualTo(-300.0);
    assertThat(rows.get(2).getLong("id")).isEqualTo(3);
    assertThat(rows.get(0).get(2)).isEqualTo("0.5");
  }

  @Test
  void eachFileHasItsOwnHeaderAndColumnsAreReadByName() throws Exception {
    write("in/1.csv", "id,x,y\n1,10,20\n");
    write("in/2.csv", "y,id,flag\n200,2,yes\n");
    List<Batch> batches = drain(new CsvMiniBatchSource(tmp.resolve("in"), 1 << 20));
    List<Row> rows = batches.get(0).batch().rows();
    assertThat(rows.get(0).columns()).containsExactly("id", "x", "y");
    assertThat(rows.get(1).columns()).containsExactly("y", "id", "flag");
    assertThat(rows).extracting(r -> r.getLong("id")).containsExactly(1L, 2L);
    assertThat(rows).extracting(r -> r.getDouble("y")).containsExactly(20.0, 200.0);
    assertThat(rows.get(1).getBoolean("flag")).isTrue();
    assertThatThrownBy(() -> rows.get(1).get("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2.csv:2")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> rows.get(1).getDouble("flag"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2.csv:2");
  }

  @Test
  void aHeaderOnlyOrEmptyFileGivesNoRowsAndAnEmptyInputNoMiniBatch() throws Exception {
    write("in/a.csv", "id,x\n");
    write("in/b.csv", "");
    assertThat(drain(new CsvMiniBatchSource(tmp.resolve("in"), 100))).isEmpty();
  }

  @Test
  void aRowLargerThanTheSizeIsAMiniBatchAlone() throws Exception {
    String big = "2," + "y".repeat(500) + "\n";
    write("big.csv", "id,v\n1,a\n" + big + "3,b\n4,c\n");
    List<Batch> batches = drain(new CsvMiniBatchSource(tmp.resolve("big.csv"), 100));
    assertThat(batches)
        .extracting(Batch::sources)
        .containsExactly(
            List.of("big.csv:2"), List.of("big.csv:3"), List.of("big.csv:4", "big.csv:5"));
    assertThat(batches.get(1).bytes()).isEqualTo(utf8(big)).isGreaterThan(100);
  }

  @Test
  void skipsFilesThatAreNotCsvHiddenFilesAndBlankLines() throws Exception {
    write("in/a.csv", "id\n1\n\n\n2\n");
    write("in/notes.txt", "id\n99\n");
    write("in/.hidden.csv", "id\n98\n");
    write("in/B.CSV", "id\n3\n");
    CsvMiniBatchSource source = new CsvMiniBatchSource(tmp.resolve("in"), 1 << 20);
    List<Batch> batches = drain(source);
    assertThat(batches.get(0).batch().rows())
        .extracting(r -> r.get("id"))
        .containsExactly("3", "1", "2"); // B.CSV sorts before a.csv
    assertThat(batches.get(0).sources()).containsExactly("B.CSV:2", "a.csv:2", "a.csv:5");
    assertThat(source.filesRead()).isEqualTo(2);
    assertThat(source.filesSkipped()).isEqualTo(1);
  }

  @Test
  void aSingleFileInputIsReadWhateverItsName() throws Exception {
    write("data.txt", "id\n1\n");
    assertThat(drain(new CsvMiniBatchSource(tmp.resolve("data.txt"), 10)).get(0).sources())
        .containsExactly("data.txt:2");
  }

  @Test
  void rowsWithTheWrongNumberOfFieldsAreRejectedWithFileAndLine() throws Exception {
    write("in/m.csv", "id,a,b\n1,x,y\n2,x\n3,x,y,z\n4,\"multi\nline\",y\n5,\"q\nq\"\n6,x,y\n");
    CsvMiniBatchSource source = new CsvMiniBatchSource(tmp.resolve("in"), 1 << 20);
    List<Batch> batches = drain(source);
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).sources()).containsExactly("m.csv:2", "m.csv:5", "m.csv:9");
    assertThat(batches.get(0).rejected())
        .containsExactly(
            new RejectedItem("m.csv:3", "the row has 2 field(s), the header has 3"),
            new RejectedItem("m.csv:4", "the row has 4 field(s), the header has 3"),
            new RejectedItem("m.csv:7", "the row has 2 field(s), the header has 3"));
    assertThat(source.itemsListed()).isEqualTo(6);
    assertThat(source.bytesListed()).isEqualTo(Files.size(tmp.resolve("in/m.csv")) - 7);
  }

  @Test
  void anUnterminatedQuoteIsOneRejectedItemAndTheNextFileIsRead() throws Exception {
    write("in/a.csv", "id,v\n1,ok\n2,\"never closed\n3,lost\n4,lost\n");
    write("in/b.csv", "id,v\n5,ok\n");
    CsvMiniBatchSource source = new CsvMiniBatchSource(tmp.resolve("in"), 1 << 20);
    List<Batch> batches = drain(source);
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).sources()).containsExactly("a.csv:2", "b.csv:2");
    List<RejectedItem> rejected = batches.get(0).rejected();
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).item()).isEqualTo("a.csv:3-5");
    assertThat(rejected.get(0).reason()).contains("EOF").contains("lines 3 to 5 are not read");
    assertThat(source.bytesListed())
        .isEqualTo(Files.size(tmp.resolve("in/a.csv")) + Files.size(tmp.resolve("in/b.csv")) - 10);
  }

  @Test
  void aMiniBatchMayHoldOnlyRejectedRows() throws Exception {
    write("r.csv", "id,v\n1,a\n2\n3\n4,d\n");
    List<Batch> batches = drain(new CsvMiniBatchSource(tmp.resolve("r.csv"), 4));
    assertThat(batches).hasSize(3);
    assertThat(batches.get(1).batch().size()).isZero();
    assertThat(batches.get(1).rejected())
        .extracting(RejectedItem::item)
        .containsExactly("r.csv:3", "r.csv:4");
    assertThat(batches.get(2).sources()).containsExactly("r.csv:5");
  }

  @Test
  void aHeaderNamingAColumnTwiceRejectsItsFile() throws Exception {
    write("in/a.csv", "id,x,x\n1,2,3\n");
    write("in/b.csv", "id\n7\n");
    List<Batch> batches = drain(new CsvMiniBatchSource(tmp.resolve("in"), 1 << 20));
    assertThat(batches.get(0).rejected())
        .containsExactly(
            new RejectedItem("a.csv:1", "the header names column 'x' twice; the file is not read"));
    assertThat(batches.get(0).sources()).containsExactly("b.csv:2");
  }

  @Test
  void aRecordLongerThanTheLimitIsRejectedInsteadOfFillingTheHeap() throws Exception {
    write("in/a.csv", "id,v\n1,\"" + "z".repeat(300_000) + "\n2,b\n");
    write("in/b.csv", "id,v\n3,c\n");
    List<Batch> batches = drain(new CsvMiniBatchSource(tmp.resolve("in"), 1 << 20, 100_000));
    assertThat(batches.get(0).rejected())
        .extracting(RejectedItem::item)
        .containsExactly("a.csv:2-3");
    assertThat(batches.get(0).rejected().get(0).reason()).contains("longer than 100000");
    assertThat(batches.get(0).sources()).containsExactly("b.csv:2");
  }

  @Test
  void theRowsAfterARecordOverTheLimitAreOneFailedRangeNamingTheirLines() throws Exception {
    StringBuilder sb = new StringBuilder("id,v\n1,a\n2,\"" + "z".repeat(300_000) + "\"\n");
    for (int i = 3; i <= 100; i++) {
      sb.append(i).append(",b\n");
    }
    write("in/a.csv", sb.toString());
    write("in/b.csv", "id,v\n101,c\n");
    CsvMiniBatchSource source = new CsvMiniBatchSource(tmp.resolve("in"), 1 << 20, 100_000);
    List<Batch> batches = drain(source);
    List<RejectedItem> rejected = batches.stream().flatMap(b -> b.rejected().stream()).toList();
    // the record at line 3 and the 98 rows after it (lines 4 to 101) are one failed range
    assertThat(rejected).extracting(RejectedItem::item).containsExactly("a.csv:3-101");
    assertThat(rejected.get(0).reason())
        .contains("longer than 100000")
        .contains("lines 3 to 101")
        .contains("not read");
    assertThat(batches.stream().flatMap(b -> b.sources().stream()))
        .containsExactly("a.csv:2", "b.csv:2");
    assertThat(source.bytesListed())
        .isEqualTo(Files.size(tmp.resolve("in/a.csv")) + Files.size(tmp.resolve("in/b.csv")) - 10);
  }
}
