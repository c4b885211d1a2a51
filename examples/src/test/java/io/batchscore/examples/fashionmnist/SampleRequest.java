package io.batchscore.examples.fashionmnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The committed FashionMNIST artifacts, addressed relative to the examples module. */
final class SampleRequest {

  static final Path ROOT = Path.of("fashion-mnist");
  static final Path MODEL = ROOT.resolve("model");
  static final Path MODEL_ALT = ROOT.resolve("model-alt");
  static final Path IMAGES = ROOT.resolve("sample-request");
  static final Path LABELS = ROOT.resolve("sample-request-labels.csv");

  private SampleRequest() {}

  /** @return the sample request's PNGs, sorted by name */
  static List<Path> images() {
    try (Stream<Path> files = Files.list(IMAGES)) {
      return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return file name to label name, from sample-request-labels.csv */
  static Map<String, String> labels() throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String line : Files.readAllLines(LABELS)) {
      String[] f = line.split(",");
      if (!f[0].equals("file")) {
        labels.put(f[0], f[2]);
      }
    }
    return labels;
  }
}
