package io.batchscore.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's files the benchmarks read (the FashionMNIST model, sample request and
 * deployment): {@code -Dbatchscore.root=DIR}, else the working directory or the first folder
 * above it that holds {@code examples/fashion-mnist}.
 */
final class Repo {

  private Repo() {}

  static Path root() {
    String set = System.getProperty("batchscore.root");
    if (set != null) {
      return Path.of(set).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples/fashion-mnist"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "run the benchmarks from the BatchScore checkout (or pass"
            + " -Dbatchscore.root=DIR): no examples/fashion-mnist found above "
            + Path.of("").toAbsolutePath());
  }

  static Path fashionMnist() {
    return root().resolve("examples/fashion-mnist");
  }

  static Path sampleRequest() {
    return fashionMnist().resolve("sample-request");
  }

  static Path model() {
    return fashionMnist().resolve("model/model.onnx");
  }
}
