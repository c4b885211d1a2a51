package io.batchscore.examples.fashionmnist;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.PreparingScorer;
import io.batchscore.api.ScorerContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * What the three FashionMNIST scorers share, the seed's {@code init}/{@code run} shape: log,
 * load the model once per worker, then per mini-batch decode the images into one tensor, run one
 * forward pass for all of them, and return {@code <file name>: <label>} rows (a {@link
 * io.batchscore.api.FailedItem} for an image that could not be read).
 *
 * <p>Decoding is the {@link PreparingScorer#prepare} step, so the runtime decodes a worker's next
 * mini-batch while the current one is inferred. Two decode buffers alternate: the one being
 * prepared is never the one being run.
 */
abstract class FashionMnistScorer implements PreparingScorer<FashionMnistImages.Batch> {

  private final FashionMnistImages[] images = {new FashionMnistImages(), new FashionMnistImages()};
  private int nextImages;
  private Logger logger;

  @Override
  public final void init(ScorerContext context) throws Exception {
    logger = context.logger();
    logger.log(Level.INFO, "Init started");
    logger.log(Level.INFO, "Device: " + context.device());
    load(context);
    logger.log(Level.INFO, "Init completed");
  }

  @Override
  public final FashionMnistImages.Batch prepare(MiniBatch batch) {
    FashionMnistImages buffer = images[nextImages];
    nextImages = 1 - nextImages;
    return buffer.decode(batch.files());
  }

  @Override
  public final List<?> run(MiniBatch batch, FashionMnistImages.Batch decoded) throws Exception {
    logger.log(Level.INFO, "run mini-batch " + batch.index() + " (" + batch.size() + " items)");
    List<Path> files = batch.files();
    if (decoded.decoded() == 0) {
      return decoded.results(j -> null);
    }
    FloatBuffer logits = logits(decoded.pixels(), decoded.shape());
    int[] items = decoded.items();
    return decoded.results(
        j -> Labels.row(files.get(items[j]), Labels.argmax(logits, j, Labels.COUNT)));
  }

  /**
   * Loads the model for the context's device and thread count.
   *
   * @param context the worker's context
   * @throws Exception when the model cannot be loaded
   */
  protected abstract void load(ScorerContext context) throws Exception;

  /**
   * Runs the model once on a whole mini-batch.
   *
   * @param pixels [N, 1, 28, 28] floats in [0, 1], a direct native-order buffer at position 0
   * @param shape {N, 1, 28, 28}
   * @return [N, 10] logits, row-major, read from index 0 (absolute)
   * @throws Exception when inference fails
   */
  protected abstract FloatBuffer logits(FloatBuffer pixels, long[] shape) throws Exception;
}
