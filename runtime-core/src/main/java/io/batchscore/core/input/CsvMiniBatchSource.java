package io.batchscore.core.input;

import com.google.common.base.Preconditions;
import io.batchscore.api.MiniBatch;
import io.batchscore.api.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tabular input: one CSV file, or every {@code *.csv} file under a folder (recursively, in
 * {@link SortedFileWalker} order; other files are skipped), cut into mini-batches of about
 * {@code batchBytes} bytes of the files' text.
 *
 * <p><b>Parsing</b> ({@link CsvFileReader}, {@link CsvRecordReader}). RFC 4180 as commons-csv
 * reads it (comma, double quotes, quoted fields may hold commas, quotes and line breaks; LF, CRLF
 * and CR line ends), UTF-8 (a leading BOM is dropped,
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

  private CsvFileReader current;
  private CsvFileReader.Entry peeked;
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
   * @param maxRecordBytes longest record read, in bytes
   */
  public CsvMiniBatchSource(Path input, long batchBytes, long maxRecordBytes) {
    this(input, batchBytes, maxRecordBytes, SkippedEntries.counting());
  }

  /**
   * @param input a CSV file, or a folder whose {@code *.csv} files are read
   * @param batchBytes bytes of rows per mini-batch, at least 1
   * @param maxRecordBytes longest record read, in bytes
   * @param skipped told of the entries the listing passes over
   */
  public CsvMiniBatchSource(
      Path input, long batchBytes, long maxRecordBytes, SkippedEntries skipped) {
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

  private CsvFileReader.Entry nextEntry() throws IOException {
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
        current =
            new CsvFileReader(
                file,
                root == null
                    ? file.getFileName().toString()
                    : root.relativize(file).toString().replace('\\', '/'),
                maxRecordBytes);
      }
      CsvFileReader.Entry e = current.next();
      if (e != null) {
        return e;
      }
      current.close();
      current = null;
    }
  }
}
