package io.batchscore.core.input;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Counts the characters read since the current record started and stops a runaway record (an
 * unterminated quote) with {@link RecordTooLong}, so one bad record cannot pull a whole file
 * into memory.
 */
final class RecordGuard extends FilterReader {
  private final long max;
  private long read;
  private long recordStart;

  /**
   * @param in the file's characters
   * @param max the most characters one record may take (the parser's read-ahead is allowed on top)
   */
  RecordGuard(Reader in, long max) {
    super(in);
    this.max = max;
  }

  /** Marks the start of a record. */
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

  /** A record longer than the limit. */
  static final class RecordTooLong extends IOException {
    RecordTooLong(long max) {
      super("record longer than " + max + " characters");
    }
  }
}
