package io.batchscore.core.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file of a {@link CsvMiniBatchSource}, read as a stream into entries: rows, and rejected
 * items for malformed rows, a bad header, or a record that cannot be parsed (which ends the file),
 * each with its size in bytes of the file. One record is read ahead to know where the current one
 * ends. The rules are those of {@link CsvMiniBatchSource}.
 */
final class CsvFileReader {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setIgnoreEmptyLines(false) // blank lines are skipped here, so line numbers stay exact
          .setTrailingData(true)
          .get();

  /** A row, or a rejected item, with its size in bytes. */
  record Entry(CsvRow row, RejectedItem rejected, long bytes) {}

  /** A record read from a file: values, or the error that stopped the file. */
  private record Read(CSVRecord record, long line, String error) {}

  private final Path file;
  private final String name;
  private final long size;
  private final RecordGuard guard;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private CsvRow.Header header;
  private Entry headerProblem;
  private Read pending;
  private long accounted; // bytes of this file given to entries or the header so far

  /**
   * Opens a file and reads its header.
   *
   * @param file the CSV file
   * @param name the file as items name it, such as its path relative to the input folder
   * @param maxRecordBytes longest record read (about; in characters)
   * @throws IOException when the file cannot be opened
   */
  CsvFileReader(Path file, String name, long maxRecordBytes) throws IOException {
    this.file = file;
    this.name = name;
    this.size = Files.size(file);
    this.guard =
        new RecordGuard(
            new InputStreamReader(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8),
            maxRecordBytes);
    this.parser =
        CSVParser.builder()
            .setReader(guard)
            .setFormat(FORMAT)
            .setCharset(StandardCharsets.UTF_8)
            .setTrackBytes(true)
            .get();
    this.records = parser.iterator();
    readHeader();
  }

  private void readHeader() {
    Read h = read();
    if (h == null) {
      return; // an empty file: no rows
    }
    if (h.error() != null) {
      headerProblem = rejectRest(h.line(), "cannot parse the header: " + h.error());
      return;
    }
    String[] names = h.record().values();
    if (names.length > 0 && names[0].startsWith("\uFEFF")) {
      names[0] = names[0].substring(1);
    }
    try {
      header = CsvRow.Header.of(names);
    } catch (IllegalArgumentException e) {
      headerProblem = rejectRest(h.line(), e.getMessage() + "; the file is not read");
      return;
    }
    pending = read();
    accounted =
        pending == null
            ? size
            : pending.record() != null
                ? pending.record().getBytePosition()
                : Math.min(size, h.record().getBytePosition() + estimate(h.record()));
  }

  /** @return the file's next entry, or null at its end */
  Entry next() {
    if (headerProblem != null) {
      Entry e = headerProblem;
      headerProblem = null;
      return e;
    }
    Read cur = pending;
    if (cur == null) {
      return null;
    }
    if (cur.error() != null) {
      pending = null;
      return rejectRange(cur.line(), "cannot parse the row: " + cur.error());
    }
    Read ahead = read();
    pending = ahead;
    long start = accounted;
    long end;
    if (ahead == null) {
      end = size;
    } else if (ahead.record() != null) {
      end = ahead.record().getBytePosition();
    } else { // the next record failed: where it starts is not known; estimate this one's end
      end = Math.min(size, cur.record().getBytePosition() + estimate(cur.record()));
    }
    accounted = Math.max(accounted, end);
    long bytes = accounted - start;
    CSVRecord r = cur.record();
    if (r.size() != header.size()) {
      return new Entry(
          null,
          new RejectedItem(
              name + ":" + cur.line(),
              "the row has " + r.size() + " field(s), the header has " + header.size()),
          bytes);
    }
    return new Entry(new CsvRow(name, cur.line(), header, r.values()), null, bytes);
  }

  /**
   * One rejected item covering what is left of the file, named by its range of lines
   * ({@code file.csv:FIRST-LAST}), so the failed items account for every row of the input.
   */
  private Entry rejectRange(long line, String error) {
    long last = line;
    try {
      last = line + Math.max(0, linesFrom(accounted) - 1);
    } catch (IOException e) {
      // the range cannot be measured: the item names its first line
    }
    long bytes = Math.max(0, size - accounted);
    String reason =
        error
            + "; "
            + (last > line
                ? "lines " + line + " to " + last
                : "line " + line + (bytes > 0 ? " and the rest of the file" : ""))
            + " are not read ("
            + bytes
            + " bytes), nor scored";
    Entry e = rejectRest(line, reason);
    return last > line
        ? new Entry(null, new RejectedItem(name + ":" + line + "-" + last, reason), e.bytes())
        : e;
  }

  /** @return the lines from byte {@code offset} to the end of the file */
  private long linesFrom(long offset) throws IOException {
    long lines = 0;
    int lastByte = '\n';
    try (var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      in.skipNBytes(Math.min(offset, size));
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          lines++;
        }
        lastByte = b;
      }
    }
    return lastByte == '\n' ? lines : lines + 1;
  }

  /** One rejected item covering what is left of the file. */
  private Entry rejectRest(long line, String reason) {
    long bytes = size - accounted;
    accounted = size;
    return new Entry(null, new RejectedItem(name + ":" + line, reason), Math.max(0, bytes));
  }

  /** @return the next non-blank record, an error, or null at the end of the file */
  private Read read() {
    while (true) {
      long line = parser.getCurrentLineNumber() + 1;
      guard.recordStarts();
      try {
        if (!records.hasNext()) {
          return null;
        }
        CSVRecord r = records.next();
        if (r.size() == 1 && r.get(0).isEmpty()) {
          continue; // a blank line
        }
        return new Read(r, line, null);
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof CSVException
            || e.getCause() instanceof RecordGuard.RecordTooLong) {
          return new Read(null, line, oneLine(e.getCause().getMessage()));
        }
        throw e;
      }
    }
  }

  void close() throws IOException {
    parser.close();
  }

  private static long estimate(CSVRecord r) {
    long n = r.size(); // separators and the line end
    for (String v : r.values()) {
      n += v.getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
