package io.batchscore.core.input;

import com.google.common.base.Preconditions;
import io.batchscore.api.MiniBatch;
import io.batchscore.api.Row;
import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Tabular input: one CSV file, or every {@code *.csv} file under a folder (recursively, in
 * {@link SortedFileWalker} order; other files are skipped), cut into mini-batches of about
 * {@code batchBytes} bytes of the files' text.
 *
 * <p><b>Parsing.</b> Apache Commons CSV, RFC 4180 (comma, double quotes, quoted fields may hold
 * commas, quotes and line breaks; LF, CRLF and CR line ends), UTF-8 (a leading BOM is dropped,
 * invalid bytes become U+FFFD). Each file's first record is its header and names its columns;
 * files may have different headers. Blank lines are skipped. Text after a closing quote is kept
 * ({@code "a"b} reads as {@code ab}, as Python's csv module does).
 *
 * <p><b>Cutting.</b> A row's size is its bytes in the file, from its first byte to the next row's
 * (its line end and any blank lines after it included; the header counts for no mini-batch). Rows
 * are added to a mini-batch while its size stays within {@code batchBytes}; a row that does not
 * fit starts the next one. So a row is never split, a mini-batch is never empty, a row larger
 * than {@code batchBytes} makes a mini-batch alone, and a mini-batch may hold the last rows of one
 * file and the first rows of the next: file ends do not cut.
 *
 * <p><b>Malformed rows</b> do not fail the job: they are {@link #rejected()} items of their
 * mini-batch, named {@code file.csv:LINE}, and never reach the scorer. A row is malformed when its
 * number of fields differs from the header's. A record that cannot be parsed (a quoted field not
 * closed before the end of the file, or a record longer than {@code maxRecordBytes}) is one
 * rejected item naming the lines from there to the file's end ({@code file.csv:FIRST-LAST}), which
 * are not read (an open quote swallows everything after it anyway); the next file is read as
 * usual. A header naming a column twice
 * makes the whole file one rejected item at the header's line.
 *
 * <p><b>Memory.</b> Files are read as a stream, one at a time; the source holds the rows of the
 * mini-batch it is building plus one row ahead, so memory depends on {@code batchBytes}, not on
 * the input's size. {@code maxRecordBytes} bounds what one unterminated quote can pull in.
 *
 * <p>Line numbers count from 1 with the header as line 1; a row's line is the line its record
 * starts on (a quoted field with line breaks spans several lines).
 */
public final class CsvMiniBatchSource implements MiniBatchSource {

  /** Default limit on one record's size: past it the record is rejected and its file left. */
  public static final long DEFAULT_MAX_RECORD_BYTES = 16L << 20;

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setIgnoreEmptyLines(false) // blank lines are skipped here, so line numbers stay exact
      .setTrailingData(true)
      .get();

  private final Path root; // the input folder, or null for a single file
  private final SortedFileWalker files;
  private final ListingDigest digest;
  // the file opened last, added to the digest when its first entry joins a mini-batch: a file
  // opened only to look ahead belongs to the next mini-batch's digest, not this one's
  private Path undigested;
  private BasicFileAttributes undigestedAttributes;
  private String listingDigest = "";
  private final long batchBytes;
  private final long maxRecordBytes;

  private OpenFile current;
  private Entry peeked;
  private long nextIndex;
  private long listed;
  private long bytesListed;
  private long lastBatchBytes;
  private List<RejectedItem> lastRejected = List.of();
  private int filesRead;
  private int filesSkipped;

  /**
   * @param input a CSV file, or a folder whose {@code *.csv} files are read
   * @param batchBytes bytes of rows per mini-batch, at least 1
   */
  public CsvMiniBatchSource(Path input, long batchBytes) {
    this(input, batchBytes, DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * @param input a CSV file, or a folder whose {@code *.csv} files are read
   * @param batchBytes bytes of rows per mini-batch, at least 1
   * @param maxRecordBytes longest record read (about; in characters)
   */
  public CsvMiniBatchSource(Path input, long batchBytes, long maxRecordBytes) {
    this(input, batchBytes, maxRecordBytes, SkippedEntries.counting());
  }

  /**
   * @param input a CSV file, or a folder whose {@code *.csv} files are read
   * @param batchBytes bytes of rows per mini-batch, at least 1
   * @param maxRecordBytes longest record read (about; in characters)
   * @param skipped told of the entries the listing passes over
   */
  public CsvMiniBatchSource(Path input, long batchBytes, long maxRecordBytes,
      SkippedEntries skipped) {
    Preconditions.checkArgument(batchBytes > 0, "mini_batch_size must be > 0, got %s", batchBytes);
    Preconditions.checkArgument(maxRecordBytes > 0, "maxRecordBytes must be > 0");
    this.batchBytes = batchBytes;
    this.maxRecordBytes = maxRecordBytes;
    this.digest = new ListingDigest(input);
    this.root = Files.isDirectory(input) ? input : null;
    this.files = new SortedFileWalker(input, skipped);
  }

  /** @return true for the files a folder input reads: names ending in {@code .csv}, any case */
  static boolean isCsv(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  @Override
  public MiniBatch next() throws IOException {
    List<Row> rows = new ArrayList<>();
    List<RejectedItem> rejected = new ArrayList<>(0);
    long bytes = 0;
    try {
      while (true) {
        if (peeked == null) {
          peeked = nextEntry();
          if (peeked == null) {
            break;
          }
        }
        boolean empty = rows.isEmpty() && rejected.isEmpty();
        if (!empty && bytes + peeked.bytes() > batchBytes) {
          break;
        }
        if (peeked.row() != null) {
          rows.add(peeked.row());
        } else {
          rejected.add(peeked.rejected());
        }
        bytes += peeked.bytes();
        peeked = null;
        if (undigested != null) {
          digest.add(undigested, undigestedAttributes);
          undigested = null;
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (rows.isEmpty() && rejected.isEmpty()) {
      lastRejected = List.of();
      lastBatchBytes = 0;
      return null;
    }
    listed += rows.size() + rejected.size();
    bytesListed += bytes;
    lastBatchBytes = bytes;
    lastRejected = List.copyOf(rejected);
    listingDigest = digest.snapshot();
    return MiniBatch.ofRows(nextIndex++, 1, rows);
  }

  /**
   * {@inheritDoc} Here: the CSV files whose rows (or rejected records) the mini-batches returned so
   * far hold.
   */
  @Override
  public String listingDigest() {
    return listingDigest;
  }

  @Override
  public List<RejectedItem> rejected() {
    return lastRejected;
  }

  @Override
  public long itemsListed() {
    return listed;
  }

  /** @return bytes of rows handed out so far (headers not counted) */
  public long bytesListed() {
    return bytesListed;
  }

  /** @return bytes of rows in the mini-batch that {@link #next} returned last */
  public long lastBatchBytes() {
    return lastBatchBytes;
  }

  /** @return CSV files opened so far */
  public int filesRead() {
    return filesRead;
  }

  /** @return files of the input folder skipped so far because their name does not end in .csv */
  public int filesSkipped() {
    return filesSkipped;
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private Entry nextEntry() throws IOException {
    while (true) {
      if (current == null) {
        if (!files.hasNext()) {
          return null;
        }
        Path file = files.next();
        if (root != null && !isCsv(file)) {
          filesSkipped++;
          continue;
        }
        filesRead++;
        undigested = file;
        undigestedAttributes = files.attributes();
        current = new OpenFile(file, root == null ? file.getFileName().toString()
            : root.relativize(file).toString().replace('\\', '/'), maxRecordBytes);
      }
      Entry e = current.next();
      if (e != null) {
        return e;
      }
      current.close();
      current = null;
    }
  }

  /** A row, or a rejected item, with its size in bytes. */
  private record Entry(CsvRow row, RejectedItem rejected, long bytes) {}

  /** A record read from a file: values, or the error that stopped the file. */
  private record Read(CSVRecord record, long line, String error) {}

  /** One file being read, with one record read ahead to know where the current one ends. */
  private static final class OpenFile {
    private final Path file;
    private final String name;
    private final long size;
    private final GuardReader guard;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private CsvRow.Header header;
    private Entry headerProblem;
    private Read pending;
    private long accounted; // bytes of this file given to entries or the header so far

    OpenFile(Path file, String name, long maxRecordBytes) throws IOException {
      this.file = file;
      this.name = name;
      this.size = Files.size(file);
      this.guard = new GuardReader(new InputStreamReader(
          new BufferedInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8),
          maxRecordBytes);
      this.parser = CSVParser.builder().setReader(guard).setFormat(FORMAT)
          .setCharset(StandardCharsets.UTF_8).setTrackBytes(true).get();
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
      accounted = pending == null ? size
          : pending.record() != null ? pending.record().getBytePosition()
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
        return new Entry(null, new RejectedItem(name + ":" + cur.line(), "the row has "
            + r.size() + " field(s), the header has " + header.size()), bytes);
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
      String reason = error + "; " + (last > line ? "lines " + line + " to " + last
          : "line " + line + (bytes > 0 ? " and the rest of the file" : "")) + " are not read ("
          + bytes + " bytes), nor scored";
      Entry e = rejectRest(line, reason);
      return last > line ? new Entry(null, new RejectedItem(name + ":" + line + "-" + last,
          reason), e.bytes()) : e;
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
          if (e.getCause() instanceof CSVException || e.getCause() instanceof RecordTooLong) {
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

  /** A record longer than the limit. */
  private static final class RecordTooLong extends IOException {
    RecordTooLong(long max) {
      super("record longer than " + max + " characters");
    }
  }

  /** Counts characters read since the current record started and stops a runaway record. */
  private static final class GuardReader extends FilterReader {
    private final long max;
    private long read;
    private long recordStart;

    GuardReader(Reader in, long max) {
      super(in);
      this.max = max;
    }

    void recordStarts() {
      recordStart = read;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count(1);
      }
      return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      // the parser buffers ahead, so allow its buffer on top of the limit
      if (read - recordStart > max + 65536) {
        throw new RecordTooLong(max);
      }
    }
  }
}
