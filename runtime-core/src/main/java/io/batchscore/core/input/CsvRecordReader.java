package io.batchscore.core.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * RFC 4180 records read from a file's bytes, with the byte offset and line each starts at: the
 * dialect of commons-csv's {@code CSVFormat.RFC4180} with trailing data allowed and empty lines
 * kept (a blank line is a record of one empty field). Fields are split on {@code ,}; records end
 * at LF, CRLF or CR; a field that starts with {@code "} is quoted ({@code ""} inside it is one
 * quote, commas and line ends are kept) and whatever follows its closing quote up to the next
 * comma or line end is appended to it as is. Values are decoded as UTF-8, invalid bytes as
 * U+FFFD.
 *
 * <p>Written by hand, not with commons-csv: on the 300 MB tabular job, commons-csv's lexer with
 * byte tracking took a quarter of the CPU (see {@code benchmarks/README.md}); here a plain field
 * is one scan of the buffer and one {@code String} copy. {@code CsvRecordReaderTest} reads random
 * inputs with both and requires the same records and lines.
 */
final class CsvRecordReader implements Closeable {

  /** A record that cannot be read: a quote not closed before the end, or a record too long. */
  static final class MalformedRecord extends IOException {
    MalformedRecord(String message) {
      super(message);
    }
  }

  private static final int COMMA = 0;
  private static final int END_OF_LINE = 1;
  private static final int END_OF_FILE = 2;

  private final InputStream in;
  private final long maxRecordBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long bufStart; // the file offset of buf[0]
  private boolean eof;
  private long lineEnds; // line ends consumed so far (CR, LF and CRLF count one each)
  private boolean lastWasCr; // inside a quoted field, across refills
  private byte[] scratch = new byte[128];
  private int scratchLen;
  private String value;
  private long recordStart;
  private long recordLine;
  private final ArrayList<String> values = new ArrayList<>();

  /**
   * @param in the file's bytes, read from its start; closed by {@link #close}
   * @param maxRecordBytes the most bytes one record may take
   */
  CsvRecordReader(InputStream in, long maxRecordBytes) {
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** @return the line the next record starts on, from 1 */
  long nextLine() {
    return lineEnds + 1;
  }

  /** @return the byte offset of the next record (after the last one read) */
  long position() {
    return bufStart + pos;
  }

  /**
   * @return the next record's fields, or null at the end of the file
   * @throws MalformedRecord when the record cannot be read; the reader must not be used after
   * @throws IOException when the file cannot be read
   */
  String[] next() throws IOException {
    if (!available()) {
      return null;
    }
    recordStart = position();
    recordLine = nextLine();
    values.clear();
    int end;
    do {
      end = field();
      values.add(value);
    } while (end == COMMA);
    return values.toArray(new String[0]);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private int field() throws IOException {
    scratchLen = 0;
    if (!available()) {
      value = "";
      return END_OF_FILE;
    }
    if (buf[pos] == '"') {
      pos++;
      return quoted();
    }
    return plain(false);
  }

  /** A field, or the rest of a quoted one after its closing quote, up to a comma or line end. */
  private int plain(boolean copying) throws IOException {
    while (true) {
      int i = pos;
      byte b = 0;
      while (i < limit) {
        b = buf[i];
        if (b == ',' || b == '\n' || b == '\r') {
          break;
        }
        i++;
      }
      if (i < limit) {
        if (copying) {
          append(pos, i - pos);
          value = decodeScratch();
        } else {
          value = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
        }
        pos = i + 1;
        checkLength();
        if (b == ',') {
          return COMMA;
        }
        lineEnd(b);
        return END_OF_LINE;
      }
      append(pos, i - pos);
      pos = i;
      copying = true;
      checkLength();
      if (!available()) {
        value = decodeScratch();
        return END_OF_FILE;
      }
    }
  }

  /** A quoted field, from after its opening quote. */
  private int quoted() throws IOException {
    lastWasCr = false;
    while (true) {
      if (!available()) {
        throw new MalformedRecord(
            "EOF reached before the quoted field of the record at line "
                + recordLine
                + " was closed");
      }
      int i = pos;
      while (i < limit && buf[i] != '"') {
        byte b = buf[i];
        if (b == '\r' || (b == '\n' && !lastWasCr)) {
          lineEnds++;
        }
        lastWasCr = b == '\r';
        i++;
      }
      append(pos, i - pos);
      pos = i;
      checkLength();
      if (i == limit) {
        continue;
      }
      pos++; // the quote: an escaped one ("") or the closing one
      lastWasCr = false;
      if (available() && buf[pos] == '"') {
        append(pos, 1);
        pos++;
        continue;
      }
      return plain(true);
    }
  }

  private void lineEnd(byte b) throws IOException {
    lineEnds++;
    if (b == '\r' && available() && buf[pos] == '\n') {
      pos++;
    }
  }

  private void checkLength() throws MalformedRecord {
    if (position() - recordStart > maxRecordBytes) {
      throw new MalformedRecord(
          "the record at line " + recordLine + " is longer than " + maxRecordBytes + " bytes");
    }
  }

  /** @return whether a byte is at {@code pos}, reading more of the file when needed */
  private boolean available() throws IOException {
    if (pos < limit) {
      return true;
    }
    if (eof) {
      return false;
    }
    bufStart += limit;
    pos = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit = n;
    return true;
  }

  private void append(int from, int len) {
    if (scratchLen + len > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLen + len));
    }
    System.arraycopy(buf, from, scratch, scratchLen, len);
    scratchLen += len;
  }

  private String decodeScratch() {
    return new String(scratch, 0, scratchLen, StandardCharsets.UTF_8);
  }
}
