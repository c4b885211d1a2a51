package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG fast path gives ImageIO's pixels, and declines what it does not handle. */
class GrayPngDecoderTest {

  private final GrayPngDecoder decoder = new GrayPngDecoder();

  @Test
  void sampleRequestDecodesAsImageIoDoes() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("fashion-mnist/sample-request"))) {
      files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertThat(files).hasSize(200);
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      byte[] gray = new byte[784];
      assertThat(decoder.decode(bytes, 28, 28, gray)).as(f.toString()).isTrue();
      assertThat(gray).as(f.toString()).isEqualTo(imageIo(bytes));
    }
  }

  @Test
  void everyFilterTypeAsImageIo() throws IOException {
    Random r = new Random(42);
    for (int k = 0; k < 50; k++) {
      BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < px.length; i++) { // smooth and noisy rows make the writer pick filters
        px[i] = (byte) (k % 2 == 0 ? (i % 28) * 9 + (i / 28) * 3 + r.nextInt(3) : r.nextInt(256));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      byte[] gray = new byte[784];
      assertThat(decoder.decode(out.toByteArray(), 28, 28, gray)).isTrue();
      assertThat(gray).isEqualTo(px);
    }
  }

  @Test
  void bytesPastTheEndAreNotTheFiles() throws IOException {
    byte[] sample = Files.readAllBytes(Path.of("fashion-mnist/sample-request/000.png"));
    byte[] padded = java.util.Arrays.copyOf(sample, sample.length + 100);
    java.util.Arrays.fill(padded, sample.length, padded.length, (byte) 0x55);
    byte[] gray = new byte[784];
    assertThat(decoder.decode(padded, sample.length, 28, 28, gray)).isTrue();
    assertThat(gray).isEqualTo(imageIo(sample));
    assertThat(decoder.decode(padded, sample.length / 2, 28, 28, gray)).isFalse();
  }

  @Test
  void declinesOtherShapesAndGarbage() throws IOException {
    BufferedImage rgb = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(rgb, "png", out);
    byte[] gray = new byte[784];
    assertThat(decoder.decode(out.toByteArray(), 28, 28, gray)).isFalse();
    BufferedImage big = new BufferedImage(29, 28, BufferedImage.TYPE_BYTE_GRAY);
    out.reset();
    ImageIO.write(big, "png", out);
    assertThat(decoder.decode(out.toByteArray(), 28, 28, gray)).isFalse();
    assertThat(decoder.decode("not a png".getBytes(), 28, 28, gray)).isFalse();
    byte[] sample = Files.readAllBytes(Path.of("fashion-mnist/sample-request/000.png"));
    assertThat(decoder.decode(java.util.Arrays.copyOf(sample, sample.length / 2), 28, 28, gray))
        .isFalse();
  }

  private static byte[] imageIo(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    return ((DataBufferByte) img.getRaster().getDataBuffer()).getData().clone();
  }
}
