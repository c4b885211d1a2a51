package io.batchscore.core.python;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The framing between the JVM and the Python driver, protocol version {@value #PROTOCOL}: each
 * message is a JSON object, sent as its length in bytes (4 bytes, unsigned big-endian) followed by
 * that many bytes of UTF-8. The JVM writes requests to the process's stdin ({@code op}: {@code
 * init}, {@code run}, {@code check}, {@code shutdown}); the driver writes to its stdout a {@code
 * hello} first, then for each request any number of {@code log} messages and one reply ({@code
 * ok}, {@code result}, {@code checked} or {@code error}). The driver's docstring
 * ({@code batchscore_driver.py}, beside this class) lists every message's fields.
 */
final class Frames {

  /** The protocol version this runtime speaks; the driver's {@code hello} must say the same. */
  static final int PROTOCOL = 1;

  static final ObjectMapper JSON = new ObjectMapper();

  private static final int MAX_FRAME = 1 << 30;

  private Frames() {}

  /** @return a new request with its {@code op} */
  static ObjectNode request(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  /**
   * Writes one frame and flushes.
   *
   * @throws IOException when the pipe is closed (the process died)
   */
  static void write(OutputStream out, JsonNode message) throws IOException {
    write(out, JSON.writeValueAsBytes(message));
  }

  static void write(OutputStream out, byte[] payload) throws IOException {
    byte[] header = {
      (byte) (payload.length >>> 24), (byte) (payload.length >>> 16),
      (byte) (payload.length >>> 8), (byte) payload.length
    };
    out.write(header);
    out.write(payload);
    out.flush();
  }

  /**
   * Reads one frame.
   *
   * @return the message, or null at the end of the stream
   * @throws IOException when the stream breaks off inside a frame or holds no JSON object
   */
  static JsonNode read(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException end) {
      return null;
    }
    if (length < 0 || length > MAX_FRAME) {
      throw new IOException(
          "bad frame length "
              + Integer.toUnsignedString(length)
              + " (something other than the driver wrote to its protocol pipe)");
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    try {
      JsonNode node = JSON.readTree(payload);
      if (node == null || !node.isObject()) {
        throw new IOException("frame is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IOException("frame is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
