package io.batchscore.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reader against commons-csv ({@code RFC4180}, trailing data, empty lines kept)
 * on random inputs made of the characters that matter (commas, quotes, CR, LF, spaces, multi-byte
 * UTF-8), read through a small buffer and a large one: the same records, each at the same line and
 * byte offset, and an error where commons-csv fails.
 */
class CsvRecordReaderTest {

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrailingData(true).get();

  private static final String[] PIECES = {
    "a",
    "bc",
    "7.25",
    ",",
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "é",
    "日本",
    "\uD83D\uDE00"
  };

  /** A record as read: values, line, byte offset; or the failure, as "error". */
  private record Read(List<String> values, long line, long start) {}

  @Test
  void readsRandomInputsAsCommonsCsvDoes() throws Exception {
    Random random = new Random(20261202);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      int pieces = random.nextInt(40);
      for (int i = 0; i < pieces; i++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      List<Read> expected = commonsCsv(bytes);
      assertThat(ours(bytes, 1 << 16)).as("input %s", escape(sb)).isEqualTo(expected);
      // a stream that gives a few bytes per read: records and fields span refills
      assertThat(ours(bytes, 3)).as("input %s, 3 bytes a read", escape(sb)).isEqualTo(expected);
    }
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersAsInAReader() throws Exception {
    byte[] bytes = {'a', ',', (byte) 0xFF, 'b', ',', (byte) 0xE2, (byte) 0x82, '\n', 'c', '\n'};
    List<Read> ours = ours(bytes, 1 << 16);
    assertThat(ours)
        .extracting(Read::values)
        .containsExactly(List.of("a", "\uFFFDb", "\uFFFD"), List.of("c"));
    assertThat(ours)
        .extracting(Read::values)
        .containsExactlyElementsOf(commonsCsv(bytes).stream().map(Read::values).toList());
  }

  @Test
  void aRecordOverTheLimitFailsNamingItsLine() throws Exception {
    byte[] bytes = ("id\n1\n" + "x".repeat(200) + "\n").getBytes(StandardCharsets.UTF_8);
    CsvRecordReader r = new CsvRecordReader(new ByteArrayInputStream(bytes), 100);
    assertThat(r.next()).containsExactly("id");
    assertThat(r.next()).containsExactly("1");
    assertThatThrownBy(r::next)
        .isInstanceOf(CsvRecordReader.MalformedRecord.class)
        .hasMessage("the record at line 3 is longer than 100 bytes");
  }

  @Test
  void anUnclosedQuoteFailsNamingTheLineItStartsOn() throws Exception {
    byte[] bytes = "id\n\"open,\nmore\n".getBytes(StandardCharsets.UTF_8);
    CsvRecordReader r = new CsvRecordReader(new ByteArrayInputStream(bytes), 1 << 20);
    assertThat(r.next()).containsExactly("id");
    assertThatThrownBy(r::next)
        .isInstanceOf(CsvRecordReader.MalformedRecord.class)
        .hasMessageContaining("EOF")
        .hasMessageContaining("line 2");
  }

  private static List<Read> ours(byte[] bytes, int chunk) throws IOException {
    List<Read> out = new ArrayList<>();
    try (CsvRecordReader r = new CsvRecordReader(new Chunked(bytes, chunk), 1 << 20)) {
      while (true) {
        long line = r.nextLine();
        long start = r.position();
        String[] values;
        try {
          values = r.next();
        } catch (CsvRecordReader.MalformedRecord e) {
          out.add(new Read(List.of("error"), line, -1));
          return out;
        }
        if (values == null) {
          return out;
        }
        out.add(new Read(Arrays.asList(values), line, start));
      }
    }
  }

  private static List<Read> commonsCsv(byte[] bytes) throws IOException {
    List<Read> out = new ArrayList<>();
    try (CSVParser parser =
        CSVParser.builder()
            .setReader(
                new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))
            .setFormat(FORMAT)
            .setCharset(StandardCharsets.UTF_8)
            .setTrackBytes(true)
            .get()) {
      var records = parser.iterator();
      while (true) {
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            return out;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          out.add(new Read(List.of("error"), line, -1));
          return out;
        }
        out.add(new Read(Arrays.asList(record.values()), line, record.getBytePosition()));
      }
    }
  }

  private static String escape(CharSequence s) {
    return s.toString().replace("\r", "\\r").replace("\n", "\\n");
  }

  /** A stream that returns at most {@code chunk} bytes per read. */
  private static final class Chunked extends InputStream {
    private final ByteArrayInputStream in;
    private final int chunk;

    Chunked(byte[] bytes, int chunk) {
      this.in = new ByteArrayInputStream(bytes);
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, Math.min(len, chunk));
    }
  }
}
