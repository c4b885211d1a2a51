package io.batchscore.examples.fashionmnist;

import io.batchscore.api.Scorer;
import io.batchscore.core.testing.ScorerHarness;
import io.batchscore.core.testing.ScorerSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A manual check, not a unit test: scores a folder of FashionMNIST PNGs (made by {@code
 * tools/make_images.py}, named by dataset index) with one scorer, compares the labels with a
 * {@code python-predictions.csv} ({@code index,label,predicted}), and prints wall time and the
 * process's resident memory after each pass, to show native memory does not grow.
 *
 * <pre>
 * /usr/bin/python3 fashion-mnist/tools/make_images.py --out /tmp/fm10k --count 10000
 * java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *   io.batchscore.examples.fashionmnist.FashionMnistSoak state-dict fashion-mnist/model /tmp/fm10k 10
 * </pre>
 */
public final class FashionMnistSoak {

  private FashionMnistSoak() {}

  /**
   * @param args engine ({@code onnx}, {@code torchscript}, {@code state-dict}), model folder,
   *     images folder, passes
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    String engine = args[0];
    Path modelDir = Path.of(args[1]);
    Path images = Path.of(args[2]);
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<String> python = Files.readAllLines(modelDir.resolve("python-predictions.csv"));
    Scorer scorer =
        switch (engine) {
          case "onnx" -> new OnnxFashionMnistScorer();
          case "torchscript" -> new TorchScriptFashionMnistScorer();
          case "state-dict" -> new StateDictFashionMnistScorer();
          default -> throw new IllegalArgumentException("engine: onnx, torchscript or state-dict");
        };
    try (ScorerSession session = ScorerHarness.of(scorer).modelDir(modelDir).start()) {
      long batches = 0;
      for (int pass = 1; pass <= passes; pass++) {
        long start = System.nanoTime();
        List<String> rows = session.runFiles(images).rows();
        batches += (rows.size() + 9) / 10;
        double seconds = (System.nanoTime() - start) / 1e9;
        int agree = 0;
        int correct = 0;
        for (int i = 0; i < rows.size(); i++) {
          String label = rows.get(i).split(": ", 2)[1];
          String[] p = python.get(i + 1).split(",");
          agree += label.equals(Labels.name(Integer.parseInt(p[2]))) ? 1 : 0;
          correct += label.equals(Labels.name(Integer.parseInt(p[1]))) ? 1 : 0;
        }
        System.out.printf(
            "%s pass %d: %d items, %d mini-batches so far, %.2f s, agree with Python %d/%d,"
                + " correct %d, RSS %s, Java heap committed %d MB, JavaCPP tracked %d kB%n",
            engine,
            pass,
            rows.size(),
            batches,
            seconds,
            agree,
            rows.size(),
            correct,
            rss(),
            Runtime.getRuntime().totalMemory() >> 20,
            org.bytedeco.javacpp.Pointer.totalBytes() >> 10);
      }
    }
  }

  private static String rss() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS"))
        .map(l -> l.replaceAll("\\s+", " ").substring(7))
        .findFirst()
        .orElse("?");
  }
}
