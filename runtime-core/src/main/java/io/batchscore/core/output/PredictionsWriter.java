package io.batchscore.core.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends rows to the predictions file, one mini-batch at a time. Each mini-batch's rows go out
 * in a single {@code write} of whole lines, so a process killed between two calls leaves no torn
 * row; {@link #length()} after a call is the offset a resume may truncate back to.
 * Not thread-safe: the caller serialises calls (the {@link ReorderBuffer} consumer does).
 */
public final class PredictionsWriter implements AutoCloseable {

  private static final byte[] NEWLINE = {'\n'};

  private final Path file;
  private final FileChannel channel;
  private long length;

  /**
   * Opens the file for appending, truncating it to {@code keepBytes} first (0 for a new job, the
   * committed length for a resumed one).
   *
   * @param file the predictions file
   * @param keepBytes bytes of an earlier run to keep
   * @throws IOException when the file cannot be opened
   */
  public PredictionsWriter(Path file, long keepBytes) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.truncate(keepBytes);
    channel.position(keepBytes);
    this.length = keepBytes;
  }

  /**
   * Appends rows, each followed by a newline.
   *
   * @param rows the rows of one mini-batch, in order
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
    while (buf.hasRemaining()) {
      channel.write(buf);
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
