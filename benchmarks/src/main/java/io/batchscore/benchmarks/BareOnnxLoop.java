package io.batchscore.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.batchscore.api.Device;
import io.batchscore.examples.fashionmnist.FashionMnistImages;
import io.batchscore.examples.fashionmnist.Labels;
import io.batchscore.gpu.onnx.OnnxSessions;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The floor the runtime is measured against: a hand-written ONNX Runtime loop doing what the
 * FashionMNIST job does and nothing else. Lists the folder's files in name order, cuts them into
 * mini-batches of {@code batch}, and runs {@code threads} threads that each take the next
 * mini-batch, decode it with the same decoder ({@link FashionMnistImages}) and make one {@code
 * OrtSession.run} for it. Like the scorer, each thread has its own session ({@link
 * OnnxSessions#create}, CPU, {@code max(1, cores / threads)} intra-op threads, as the runtime
 * plans). Rows {@code <file name>: <label>} are kept per mini-batch and written in input order at
 * the end; no logs, retries, metrics or journal.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.batchscore.benchmarks.BareOnnxLoop
 *     MODEL.onnx INPUT_DIR OUTPUT_FILE [threads=2] [batch=10]</pre>
 */
public final class BareOnnxLoop {

  private BareOnnxLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: BareOnnxLoop MODEL.onnx INPUT_DIR OUTPUT_FILE [threads] [batch]");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    Path model = Path.of(args[0]);
    Path input = Path.of(args[1]);
    Path output = Path.of(args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    int intraOp = Math.max(1, Runtime.getRuntime().availableProcessors() / threads);

    List<Path> files;
    try (Stream<Path> s = Files.list(input)) {
      files =
          s.filter(Files::isRegularFile)
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    }
    int batches = (files.size() + batch - 1) / batch;
    String[][] rows = new String[batches][];
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    Throwable[] error = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try (OrtSession session = OnnxSessions.create(model, Device.cpu(), intraOp)) {
                  String inputName = session.getInputNames().iterator().next();
                  FashionMnistImages images = new FashionMnistImages();
                  int b;
                  while ((b = next.getAndIncrement()) < batches) {
                    List<Path> mine =
                        files.subList(b * batch, Math.min(files.size(), (b + 1) * batch));
                    FashionMnistImages.Batch decoded = images.decode(mine);
                    if (decoded.decoded() != mine.size()) {
                      throw new IOException("cannot decode an image of mini-batch " + b);
                    }
                    try (OnnxTensor in =
                            OnnxTensor.createTensor(
                                OnnxSessions.environment(), decoded.pixels(), decoded.shape());
                        OrtSession.Result result = session.run(Map.of(inputName, in))) {
                      FloatBuffer logits = ((OnnxTensor) result.get(0)).getFloatBuffer();
                      String[] out = new String[mine.size()];
                      for (int j = 0; j < out.length; j++) {
                        out[j] = Labels.row(mine.get(j), Labels.argmax(logits, j, Labels.COUNT));
                      }
                      rows[b] = out;
                    }
                  }
                } catch (Throwable e) {
                  synchronized (error) {
                    error[0] = e;
                  }
                }
              },
              "bare-" + t);
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    if (error[0] != null) {
      throw new IllegalStateException("bare loop failed", error[0]);
    }
    StringBuilder sb = new StringBuilder(files.size() * 24);
    for (String[] r : rows) {
      for (String line : r) {
        sb.append(line).append('\n');
      }
    }
    Files.writeString(output, sb, StandardCharsets.UTF_8);
    System.out.printf(
        "bare loop: %d items, %d mini-batches, %d threads x %d intra-op, %.3f s" + " in main%n",
        files.size(), batches, threads, intraOp, (System.nanoTime() - t0) / 1e9);
  }
}
