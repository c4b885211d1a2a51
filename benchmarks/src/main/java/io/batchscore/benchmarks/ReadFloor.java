package io.batchscore.benchmarks;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The read floor of an image job: lists the folder's files in name order, as {@link BareOnnxLoop}
 * does, cuts them into mini-batches of {@code batch}, and runs {@code threads} threads that each
 * take the next mini-batch and read its files whole, into one reused array per thread (open, read to
 * the end, close: what the FashionMNIST decoder's reads do); nothing else (no decoding, inference,
 * rows or logs). What no job over these files can go below on these threads, JVM start included.
 * With {@code --nio} each file is read with {@link Files#readAllBytes} instead (a new array and
 * file channel per file).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.batchscore.benchmarks.ReadFloor
 *     INPUT_DIR [threads=2] [batch=10] [--nio]</pre>
 */
public final class ReadFloor {

  private ReadFloor() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ReadFloor INPUT_DIR [threads] [batch] [--nio]");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    Path input = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    boolean nio = args.length > 3 && args[3].equals("--nio");

    List<Path> files;
    try (Stream<Path> s = Files.list(input)) {
      files =
          s.filter(Files::isRegularFile)
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    }
    int batches = (files.size() + batch - 1) / batch;
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    Throwable[] error = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                long mine = 0;
                byte[] buffer = new byte[8192];
                try {
                  int b;
                  while ((b = next.getAndIncrement()) < batches) {
                    for (Path file :
                        files.subList(b * batch, Math.min(files.size(), (b + 1) * batch))) {
                      if (nio) {
                        mine += Files.readAllBytes(file).length;
                        continue;
                      }
                      try (FileInputStream in = new FileInputStream(file.toString())) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                          mine += n;
                        }
                      }
                    }
                  }
                } catch (IOException | RuntimeException e) {
                  synchronized (error) {
                    error[0] = e;
                  }
                }
                bytes.addAndGet(mine);
              },
              "read-" + t);
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    if (error[0] != null) {
      throw new IllegalStateException("read floor failed", error[0]);
    }
    System.out.printf(
        "read floor: %d files, %d bytes, %d threads, %.3f s in main%n",
        files.size(), bytes.get(), threads, (System.nanoTime() - t0) / 1e9);
  }
}
