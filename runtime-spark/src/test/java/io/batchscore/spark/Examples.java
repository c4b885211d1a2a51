package io.batchscore.spark;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The examples module's deployments and inputs, and FashionMNIST images made from the Debian dataset. */
final class Examples {

  static final Path ROOT = Path.of("..", "examples").toAbsolutePath().normalize();
  static final Path FASHION = ROOT.resolve("fashion-mnist/deployment.yml");
  static final Path SAMPLE = ROOT.resolve("fashion-mnist/sample-request");
  static final Path CHAOS = ROOT.resolve("chaos/deployment.yml");
  static final Path TABULAR = ROOT.resolve("tabular/deployment.yml");
  static final Path TABULAR_INPUT = ROOT.resolve("tabular/sample-request");
  static final Path SCORER = ROOT.resolve("target/scorer");
  static final Path DATASET = Path.of("/usr/share/datasets/fashion-mnist");

  private Examples() {}

  /** Fails (in CI) or skips when the examples' scorer folder was not built. */
  static void requireScorer() {
    Reals.require(
        Files.isDirectory(SCORER),
        "the examples' scorer folder "
            + SCORER
            + " (build it: mvn -pl runtime-spark -am package -DskipTests)");
  }

  /**
   * Writes the first {@code count} images of a split as 8-bit grayscale PNGs named by index.
   *
   * @param split {@code t10k} or {@code train}
   */
  static Path images(Path dir, String split, int count) throws IOException {
    Path file = DATASET.resolve(split + "-images-idx3-ubyte.gz");
    Reals.require(Files.isRegularFile(file), file + " (apt-get install dataset-fashion-mnist)");
    Files.createDirectories(dir);
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      in.readInt();
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      byte[] pixels = new byte[rows * cols];
      int digits = Integer.toString(count - 1).length();
      for (int i = 0; i < Math.min(n, count); i++) {
        in.readFully(pixels);
        java.awt.image.BufferedImage img =
            new java.awt.image.BufferedImage(
                cols, rows, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, cols, rows, pixels);
        String name = String.format("%0" + digits + "d.png", i);
        javax.imageio.ImageIO.write(img, "png", dir.resolve(name).toFile());
      }
    }
    return dir;
  }
}
