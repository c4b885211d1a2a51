package io.batchscore.examples.fashionmnist;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads whole files into one reused array: what {@link java.nio.file.Files#readAllBytes} does,
 * without a new array and a file channel per file (open, read to the end, close: a small image
 * costs two {@code read}s and no allocation). A path whose name is not valid UTF-8 is read with
 * {@code Files.readAllBytes}, which opens it by its bytes. One instance per thread; the bytes of a file are
 * valid until the next {@link #read}.
 */
final class FileBytes {

  /** An array grown past this for one large file is not kept for the next. */
  private static final int KEEP = 1 << 20;

  private byte[] buffer = new byte[8192];

  /**
   * @param file the file
   * @return the number of bytes read into {@link #bytes()}: the whole file
   * @throws IOException when the file cannot be opened or read
   */
  int read(Path file) throws IOException {
    if (buffer.length > KEEP) {
      buffer = new byte[8192];
    }
    String name = file.toString();
    if (name.indexOf('\uFFFD') >= 0) { // a name that is not UTF-8: only the Path opens it
      buffer = Files.readAllBytes(file);
      return buffer.length;
    }
    try (FileInputStream in = new FileInputStream(name)) {
      int length = 0;
      while (true) {
        if (length == buffer.length) {
          if (length == Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("file too large for an array: " + file);
          }
          buffer =
              Arrays.copyOf(
                  buffer, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(8192, 2L * length)));
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          return length;
        }
        length += n;
      }
    }
  }

  /** @return the array the last {@link #read} filled from index 0 */
  byte[] bytes() {
    return buffer;
  }
}
