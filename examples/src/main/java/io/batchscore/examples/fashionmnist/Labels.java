package io.batchscore.examples.fashionmnist;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/** The seed's FashionMNIST class names and the arg-max that picks one from a row of logits. */
public final class Labels {

  /** Class names by index, as in the seed's {@code labels_map}. */
  public static final List<String> NAMES =
      List.of(
          "T-Shirt",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle Boot");

  /** The number of classes. */
  public static final int COUNT = NAMES.size();

  /** {@code ": <name>"} by class index: what follows the file name in a row. */
  private static final String[] ROW_ENDS = NAMES.stream().map(": "::concat).toArray(String[]::new);

  private Labels() {}

  /**
   * @param index a class index, 0 to 9
   * @return its name
   */
  public static String name(int index) {
    return NAMES.get(index);
  }

  /**
   * The seed's output row for an image: {@code <file name>: <class name>}.
   *
   * @param file the image
   * @param index its class index, 0 to 9
   * @return the row
   */
  public static String row(Path file, int index) {
    String path = file.toString(); // cached by the path; getFileName() would make a new one
    int slash = path.lastIndexOf(file.getFileSystem().getSeparator().charAt(0));
    return path.substring(slash + 1).concat(ROW_ENDS[index]);
  }

  /**
   * The index of the largest of {@code classes} logits in one row of a row-major [N, classes]
   * buffer (the first on ties, like {@code torch.argmax}). Soft-max is monotonic, so it is not
   * needed to pick the class.
   *
   * @param logits the model's output, absolute indexing from 0
   * @param row the row
   * @param classes the row length
   * @return the arg-max within the row
   */
  public static int argmax(FloatBuffer logits, int row, int classes) {
    int base = row * classes;
    int best = 0;
    float max = logits.get(base);
    for (int c = 1; c < classes; c++) {
      float v = logits.get(base + c);
      if (v > max) {
        max = v;
        best = c;
      }
    }
    return best;
  }

  /**
   * @param logits row-major [N, classes] logits
   * @param row the row
   * @param classes the row length
   * @return the arg-max within the row
   */
  public static int argmax(float[] logits, int row, int classes) {
    return argmax(FloatBuffer.wrap(logits), row, classes);
  }
}
