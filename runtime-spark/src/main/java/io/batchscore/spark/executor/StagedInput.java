package io.batchscore.spark.executor;

import io.batchscore.api.MiniBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A task's mini-batch as its scorer reads it on an executor. When the files' bytes travelled with
 * the task ({@code spark.batchscore.shipInputs=true}), they are written to a fresh local folder,
 * each file under its own name (in a folder of its own, so equal names do not meet), and the
 * scorer gets those copies; {@link #original} names an item as the driver listed it, for failed
 * items and their reasons. Otherwise the mini-batch is the driver's paths. {@link #close} deletes
 * the copies.
 */
final class StagedInput implements AutoCloseable {

  private final MiniBatch batch;
  private final Path folder;
  private final Map<String, String> originals;

  private StagedInput(MiniBatch batch, Path folder, Map<String, String> originals) {
    this.batch = batch;
    this.folder = folder;
    this.originals = originals;
  }

  /**
   * @param in a task's mini-batch
   * @return it ready to score: local copies of its files when their bytes came with it
   * @throws IOException when the copies cannot be written
   */
  static StagedInput of(TaskInput in) throws IOException {
    if (in.contents() == null) {
      return new StagedInput(in.toMiniBatch(), null, Map.of());
    }
    Path folder = Files.createTempDirectory("batchscore-input-");
    Map<String, String> originals = new HashMap<>();
    List<Path> copies = new ArrayList<>(in.files().size());
    for (int i = 0; i < in.files().size(); i++) {
      Path original = Path.of(in.files().get(i));
      Path copy =
          Files.createDirectory(folder.resolve(Integer.toString(i)))
              .resolve(original.getFileName());
      byte[] bytes = in.contents().get(i);
      if (bytes != null) { // a file the driver could not read stays missing: its item fails
        Files.write(copy, bytes);
      }
      copies.add(copy);
      originals.put(copy.toString(), original.toString());
    }
    return new StagedInput(
        MiniBatch.ofFiles(in.index(), in.attempt(), copies), folder, Map.copyOf(originals));
  }

  /** @return the mini-batch its scorer gets */
  MiniBatch batch() {
    return batch;
  }

  /**
   * @param text an item's name or a failure's reason, as the scorer saw the item
   * @return the same, naming the items as the driver listed them
   */
  String original(String text) {
    String named = originals.get(text);
    if (named != null) {
      return named;
    }
    String out = text;
    for (Map.Entry<String, String> e : originals.entrySet()) {
      if (out.contains(e.getKey())) {
        out = out.replace(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the input copies in " + folder, e);
    }
  }
}
