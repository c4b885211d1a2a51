package io.batchscore.core.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One CSV file of a {@link CsvMiniBatchSource}, read as a stream into entries: rows, and rejected
 * items for malformed rows, a bad header, or a record that cannot be parsed (which ends the file),
 * each with its size in bytes of the file. One record is read ahead to know where the current one
 * ends. The rules are those of {@link CsvMiniBatchSource}.
 */
final class CsvFileReader {

  /** A row, or a rejected item, with its size in bytes. */
  record Entry(CsvRow row, RejectedItem rejected, long bytes) {}

  /** A record read from a file, at byte {@code start}: values, or the error that stopped the file. */
  private record Read(String[] values, long line, long start, String error) {}

  private final Path file;
  private final String name;
  private final long size;
  private final CsvRecordReader reader;
  private CsvRow.Header header;
  private Entry headerProblem;
  private Read pending;
  private long accounted; // bytes of this file given to entries or the header so far

  /**
   * Opens a file and reads its header.
   *
   * @param file the CSV file
   * @param name the file as items name it, such as its path relative to the input folder
   * @param maxRecordBytes longest record read, in bytes
   * @throws IOException when the file cannot be opened
   */
  CsvFileReader(Path file, String name, long maxRecordBytes) throws IOException {
    this.file = file;
    this.name = name;
    this.size = Files.size(file);
    this.reader = new CsvRecordReader(Files.newInputStream(file), maxRecordBytes);
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
    String[] names = h.values();
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
    accounted = pending == null ? size : pending.start();
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
    accounted = Math.max(accounted, ahead == null ? size : ahead.start());
    long bytes = accounted - start;
    String[] values = cur.values();
    if (values.length != header.size()) {
      return new Entry(
          null,
          new RejectedItem(
              name + ":" + cur.line(),
              "the row has " + values.length + " field(s), the header has " + header.size()),
          bytes);
    }
    return new Entry(new CsvRow(name, cur.line(), header, values), null, bytes);
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
      long line = reader.nextLine();
      long start = reader.position();
      try {
        String[] values = reader.next();
        if (values == null) {
          return null;
        }
        if (values.length == 1 && values[0].isEmpty()) {
          continue; // a blank line
        }
        return new Read(values, line, start, null);
      } catch (CsvRecordReader.MalformedRecord e) {
        return new Read(null, line, start, e.getMessage());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  void close() throws IOException {
    reader.close();
  }
}
