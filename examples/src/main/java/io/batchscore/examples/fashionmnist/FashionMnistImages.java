package io.batchscore.examples.fashionmnist;

import io.batchscore.api.FailedItem;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

/**
 * Decodes a mini-batch of 28x28 grayscale images into one float tensor [N, 1, 28, 28] with values
 * {@code pixel / 255f} (what the seed's {@code transforms.ToTensor()} does), in a direct,
 * native-order buffer that ONNX Runtime and JavaCPP can use without copying.
 *
 * <p>An item that is not decodable or not 28x28 does not fail the batch: it becomes a {@link
 * FailedItem} naming the file, and the images after it move up in the tensor.
 *
 * <p>One instance per worker: the buffer is reused from batch to batch, so an instance is not
 * thread-safe and a {@link Batch}'s pixels are valid until the next {@link #decode}.
 */
public final class FashionMnistImages {

  /** Image width and height. */
  public static final int SIDE = 28;

  /** Pixels per image. */
  public static final int PIXELS = SIDE * SIDE;

  private static final float[] SCALE = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      SCALE[i] = i / 255f;
    }
  }

  private FloatBuffer buffer = allocate(16);
  private final GrayPngDecoder png = new GrayPngDecoder();
  private final FileBytes file = new FileBytes();
  private final byte[] gray = new byte[PIXELS];
  private final float[] row = new float[PIXELS];

  /**
   * Decodes the files of a mini-batch.
   *
   * @param files the images, in item order
   * @return the decoded tensor and the items that failed
   */
  public Batch decode(List<Path> files) {
    int n = files.size();
    if (buffer.capacity() < n * PIXELS) {
      buffer = allocate(n);
    }
    FailedItem[] failures = new FailedItem[n];
    int[] items = new int[n];
    int decoded = 0;
    for (int i = 0; i < n; i++) {
      Path file = files.get(i);
      try {
        read(file, row);
        buffer.put(decoded * PIXELS, row);
        items[decoded++] = i;
      } catch (IOException | RuntimeException e) {
        failures[i] = FailedItem.of(file + ": " + e.getMessage());
      }
    }
    FloatBuffer pixels = buffer.duplicate();
    pixels.clear().limit(decoded * PIXELS);
    return new Batch(pixels.slice(), decoded, java.util.Arrays.copyOf(items, decoded), failures);
  }

  /**
   * Reads one image into {@code out}: 8-bit gray 28x28 PNGs (FashionMNIST's own files) through
   * {@link GrayPngDecoder}, anything else, and any file that path rejects, through ImageIO
   * ({@link #readInto}), with the same values and the same errors.
   */
  private void read(Path path, float[] out) throws IOException {
    int length;
    try {
      length = file.read(path);
    } catch (IOException | OutOfMemoryError e) {
      length = -1;
    }
    if (length >= 0 && png.decode(file.bytes(), length, SIDE, SIDE, gray)) {
      for (int p = 0; p < PIXELS; p++) {
        out[p] = SCALE[gray[p] & 0xff];
      }
    } else {
      readInto(path, out);
    }
  }

  /**
   * Reads one image into {@code out} as 784 values in [0, 1].
   *
   * @param file a 28x28 image, grayscale or not (colour is converted to gray)
   * @param out 784 floats, row-major
   * @throws IOException when the file cannot be read or decoded, or is not 28x28
   */
  static void readInto(Path file, float[] out) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException("not a decodable image (no ImageIO reader for it)");
    }
    if (image.getWidth() != SIDE || image.getHeight() != SIDE) {
      throw new IOException(
          "image is " + image.getWidth() + "x" + image.getHeight() + ", expected 28x28");
    }
    byte[] gray = grayBytes(image);
    for (int p = 0; p < PIXELS; p++) {
      out[p] = SCALE[gray[p] & 0xff];
    }
  }

  /** The image's 8-bit gray pixels, row-major; the raster's own array when it already is. */
  private static byte[] grayBytes(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      Raster raster = image.getRaster();
      if (raster.getDataBuffer() instanceof DataBufferByte data
          && raster.getSampleModel() instanceof ComponentSampleModel model
          && model.getPixelStride() == 1
          && model.getScanlineStride() == SIDE
          && raster.getSampleModelTranslateX() == 0
          && raster.getSampleModelTranslateY() == 0
          && data.getNumBanks() == 1
          && data.getOffset() == 0
          && data.getData().length == PIXELS) {
        return data.getData(); // fast path: PNG grayscale, 8 bits
      }
    }
    BufferedImage gray = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = gray.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
  }

  private static FloatBuffer allocate(int images) {
    return ByteBuffer.allocateDirect(images * PIXELS * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  /**
   * A decoded mini-batch.
   *
   * @param pixels {@code decoded * 784} floats, [decoded, 1, 28, 28] row-major, position 0, a
   *     direct native-order buffer
   * @param decoded the number of images decoded
   * @param items for each decoded image, its item index in the mini-batch
   * @param failures for each item, its failure, or null when it was decoded
   */
  public record Batch(FloatBuffer pixels, int decoded, int[] items, FailedItem[] failures) {

    /** @return the tensor shape of the decoded images: [decoded, 1, 28, 28] */
    public long[] shape() {
      return new long[] {decoded, 1, SIDE, SIDE};
    }

    /**
     * Builds the result list of a {@code run}: one element per item, the failure for a failed
     * item, {@code rowOfDecoded.apply(j)} for the j-th decoded image.
     *
     * @param rowOfDecoded the row of a decoded image, by its index among the decoded ones
     * @return one element per item of the mini-batch
     */
    public List<Object> results(IntFunction<Object> rowOfDecoded) {
      List<Object> results = new ArrayList<>(failures.length);
      int j = 0;
      for (FailedItem failure : failures) {
        results.add(failure != null ? failure : rowOfDecoded.apply(j++));
      }
      return results;
    }
  }
}
