package io.batchscore.examples.fashionmnist;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A fast path for the one PNG shape FashionMNIST images have: 8-bit grayscale, not interlaced,
 * no transparency. Decodes such a file's bytes straight into gray pixels with one {@link
 * Inflater} and the PNG row filters, without ImageIO's per-file stream, reader lookup, metadata
 * and {@code BufferedImage} (about 100 µs per 28x28 image, against a few µs here).
 *
 * <p>Anything else (another colour type or bit depth, interlacing, a {@code tRNS} chunk, a
 * malformed or truncated file) returns {@code false}, and the caller decodes the file with ImageIO
 * as before, which also gives the error messages. Chunk CRCs are not checked (ImageIO does not
 * reject a bad CRC either). One instance per thread.
 */
final class GrayPngDecoder {

  private static final long SIGNATURE = 0x89504e470d0a1a0aL;
  private static final int IHDR = 0x49484452;
  private static final int IDAT = 0x49444154;
  private static final int IEND = 0x49454e44;
  private static final int TRNS = 0x74524e53;

  private final Inflater inflater = new Inflater();
  private byte[] raw = new byte[0];
  private byte[] zeros = new byte[0];

  /**
   * @param png the file's bytes
   * @param width the width expected
   * @param height the height expected
   * @param gray receives {@code width * height} pixels, row-major
   * @return true when decoded; false when the file is not of the shape this path handles
   */
  boolean decode(byte[] png, int width, int height, byte[] gray) {
    return decode(png, png.length, width, height, gray);
  }

  /**
   * @param png holds the file's bytes from index 0
   * @param end the file's length: bytes from {@code end} on are not the file's
   * @param width the width expected
   * @param height the height expected
   * @param gray receives {@code width * height} pixels, row-major
   * @return true when decoded; false when the file is not of the shape this path handles
   */
  boolean decode(byte[] png, int end, int width, int height, byte[] gray) {
    try {
      return decodeOrFail(png, end, width, height, gray);
    } catch (DataFormatException | RuntimeException e) {
      return false;
    }
  }

  private boolean decodeOrFail(byte[] png, int end, int width, int height, byte[] gray)
      throws DataFormatException {
    if (end < 8 + 25 || readLong(png, 0) != SIGNATURE) {
      return false;
    }
    int stride = width + 1; // a filter byte per row
    int rawSize = stride * height;
    if (raw.length < rawSize) {
      raw = new byte[rawSize];
    }
    inflater.reset();
    int inflated = 0;
    boolean header = false;
    int pos = 8;
    while (pos + 12 <= end) {
      int length = readInt(png, pos);
      int type = readInt(png, pos + 4);
      int data = pos + 8;
      if (length < 0 || data + length + 4 > end) {
        return false;
      }
      if (type == IHDR) {
        if (length != 13
            || readInt(png, data) != width
            || readInt(png, data + 4) != height
            || png[data + 8] != 8
            || png[data + 9] != 0
            || png[data + 10] != 0
            || png[data + 11] != 0
            || png[data + 12] != 0) {
          return false; // not 8-bit gray, or another size, compression, filter or interlace
        }
        header = true;
      } else if (!header || type == TRNS) {
        return false;
      } else if (type == IDAT) {
        inflater.setInput(png, data, length);
        while (!inflater.needsInput() && !inflater.finished()) {
          int n = inflater.inflate(raw, inflated, rawSize - inflated);
          inflated += n;
          if (n == 0 && (inflater.needsDictionary() || inflated == rawSize)) {
            break;
          }
        }
      } else if (type == IEND) {
        break;
      }
      pos = data + length + 4;
    }
    if (!header || inflated != rawSize) {
      return false;
    }
    unfilter(width, height, gray);
    return true;
  }

  /**
   * Undoes the PNG row filters (one byte per pixel) into {@code gray}, a loop per filter type:
   * left (a), up (b) and upper-left (c) neighbours are 0 outside the image. The first row's "up"
   * row is a row of zeros, so no loop tests which row it is in: a row test inside the loops made
   * C2 hoist it on the profile of the first images and compile this method again and again
   * (seven times in the 60,000-image job, 0.4 s of CPU; {@code benchmarks/README.md}).
   */
  private void unfilter(int width, int height, byte[] gray) {
    byte[] raw = this.raw;
    if (zeros.length < width) {
      zeros = new byte[width];
    }
    for (int y = 0; y < height; y++) {
      int in = y * (width + 1) + 1;
      int out = y * width;
      byte[] prev = y == 0 ? zeros : gray; // the row above
      int up = y == 0 ? 0 : out - width;
      switch (raw[in - 1]) {
        case 0 -> System.arraycopy(raw, in, gray, out, width);
        case 1 -> {
          int a = 0;
          for (int x = 0; x < width; x++) {
            a = (raw[in + x] + a) & 0xff;
            gray[out + x] = (byte) a;
          }
        }
        case 2 -> {
          for (int x = 0; x < width; x++) {
            gray[out + x] = (byte) (raw[in + x] + prev[up + x]);
          }
        }
        case 3 -> {
          int a = 0;
          for (int x = 0; x < width; x++) {
            a = (raw[in + x] + ((a + (prev[up + x] & 0xff)) >>> 1)) & 0xff;
            gray[out + x] = (byte) a;
          }
        }
        case 4 -> {
          int a = 0;
          int c = 0;
          for (int x = 0; x < width; x++) {
            int b = prev[up + x] & 0xff;
            a = (raw[in + x] + paeth(a, b, c)) & 0xff;
            gray[out + x] = (byte) a;
            c = b;
          }
        }
        default -> throw new IllegalArgumentException("bad PNG filter " + raw[in - 1]);
      }
    }
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }

  private static int readInt(byte[] b, int i) {
    return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
  }

  private static long readLong(byte[] b, int i) {
    return (long) readInt(b, i) << 32 | readInt(b, i + 4) & 0xffffffffL;
  }
}
