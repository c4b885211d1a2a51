package io.batchscore.core.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only file of whole lines: the predictions file, and the job report files that must
 * stay consistent with it. Each {@link #append} goes out in a single {@code write} of whole
 * lines, so a process killed between two calls leaves no torn line; {@link #length()} after a
 * call is the offset a resume truncates back to. Not thread-safe: the caller serialises calls
 * (one thread at a time writes commits).
 */
public final class LineFile implements AutoCloseable {

  private static final byte[] NEWLINE = {'\n'};

  private final Path file;
  private final FileChannel channel;
  private long length;

  /**
   * Opens the file for appending, truncating it to {@code keepBytes} first (0 for a new job, the
   * committed length for a resumed one).
   *
   * @param file the file
   * @param keepBytes bytes of an earlier run to keep
   * @throws IOException when the file cannot be opened
   */
  public LineFile(Path file, long keepBytes) throws IOException {
    this.file = file;
    java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.truncate(keepBytes);
    channel.position(keepBytes);
    this.length = keepBytes;
  }

  /**
   * Appends lines, each followed by a newline, in one write.
   *
   * @param rows the lines, in order
   * @throws IOException when the write fails (disk full, folder removed...)
   */
  public void append(List<String> rows) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    int size = 0;
    byte[][] encoded = new byte[rows.size()][];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = rows.get(i).getBytes(StandardCharsets.UTF_8);
      size += encoded[i].length + 1;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    for (byte[] row : encoded) {
      buf.put(row).put(NEWLINE);
    }
    buf.flip();
    writeFully(buf);
  }

  /** Writes all of buf, or on failure cuts off what part of it reached the file (no torn line). */
  private void writeFully(ByteBuffer buf) throws IOException {
    int size = buf.remaining();
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      try {
        channel.truncate(length);
        channel.position(length);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    length += size;
  }

  /**
   * Forces what was written to the storage device.
   *
   * @throws IOException when that fails
   */
  public void sync() throws IOException {
    channel.force(false);
  }

  /**
   * Appends text that already ends with a newline, in one write.
   *
   * @param text whole lines
   * @throws IOException when the write fails
   */
  public void appendText(String text) throws IOException {
    writeFully(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** @return bytes in the file so far */
  public long length() {
    return length;
  }

  /** @return the file */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
