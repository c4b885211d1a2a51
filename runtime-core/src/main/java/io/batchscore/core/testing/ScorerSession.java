package io.batchscore.core.testing;

import io.batchscore.api.Device;
import io.batchscore.api.MiniBatch;
import io.batchscore.api.PreparingScorer;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.input.CsvMiniBatchSource;
import io.batchscore.core.input.FileMiniBatchSource;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.input.RejectedItem;
import io.batchscore.core.logs.LogFile;
import io.batchscore.core.logs.WorkerLogger;
import io.batchscore.core.schedule.ItemFailure;
import io.batchscore.core.schedule.PartResult;
import io.batchscore.core.scorer.WorkerContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One scorer instance after {@code init}, as one worker holds it, made by
 * {@link ScorerHarness#start}: each {@code run*} call scores an input through it; {@link #close}
 * closes the scorer and removes the session's temporary folders. Not thread-safe.
 */
public final class ScorerSession implements AutoCloseable {

  private final Scorer scorer;
  private final int batchSize;
  private final long batchBytes;
  private final Path work;
  private final LogFile stdout;
  private final LogFile errors;
  private final WorkerContext context;
  private boolean closed;

  ScorerSession(
      Scorer scorer,
      Path modelDir,
      Map<String, String> environment,
      int batchSize,
      long batchBytes,
      int intraOpThreads,
      String loggingLevel)
      throws Exception {
    this.scorer = scorer;
    this.batchSize = batchSize;
    this.batchBytes = batchBytes;
    this.work = Files.createTempDirectory("batchscore-harness");
    this.stdout = new LogFile(work.resolve("logs/process000.stdout.txt"));
    this.errors = new LogFile(work.resolve("logs/process000.txt"));
    Path model = modelDir != null ? modelDir : Files.createDirectories(work.resolve("model"));
    this.context =
        new WorkerContext(
            model,
            Device.cpu(),
            intraOpThreads,
            0,
            "node000",
            new WorkerLogger(
                "node000/process000", WorkerLogger.levelOf(loggingLevel), stdout, errors),
            environment,
            List.of("--logging_level", loggingLevel),
            Files.createDirectories(work.resolve("output")),
            Map.of(SimpleMeterRegistry.class, new SimpleMeterRegistry()));
    try {
      scorer.init(context);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** @return the context the scorer was given */
  public ScorerContext context() {
    return context;
  }

  /**
   * Scores a folder's files (listed recursively and sorted as a job lists them) or one file.
   *
   * @param input the folder or file
   * @return the rows, failed items and the log lines so far
   * @throws IOException when the input cannot be read
   */
  public ScorerHarness.Result runFiles(Path input) throws IOException {
    requireExists(input);
    return run(new FileMiniBatchSource(input.toAbsolutePath(), batchSize));
  }

  /**
   * Scores a CSV file, or a folder of them, each with a header line.
   *
   * @param input the file or folder
   * @return the rows, failed items and the log lines so far
   * @throws IOException when the input cannot be read
   */
  public ScorerHarness.Result runCsv(Path input) throws IOException {
    requireExists(input);
    return run(new CsvMiniBatchSource(input.toAbsolutePath(), batchBytes));
  }

  /**
   * Scores rows written to a CSV file whose header is the first row's keys.
   *
   * @param rows the rows, column name to value, all with the same columns
   * @return the rows, failed items and the log lines so far
   * @throws IOException when the temporary file cannot be written
   */
  public ScorerHarness.Result runRows(List<? extends Map<String, ?>> rows) throws IOException {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to score");
    }
    Path csv = work.resolve("rows-" + System.nanoTime() + ".csv");
    List<String> header = new ArrayList<>(rows.get(0).keySet());
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter p =
            CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
      for (Map<String, ?> row : rows) {
        if (!row.keySet().equals(rows.get(0).keySet())) {
          throw new IllegalArgumentException("row " + row + " has other columns than " + header);
        }
        List<Object> values = new ArrayList<>();
        for (String column : header) {
          values.add(row.get(column));
        }
        p.printRecord(values);
      }
    }
    try {
      return run(new CsvMiniBatchSource(csv, batchBytes));
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /**
   * @return the lines the scorer logged so far through {@code context.logger()}
   * @throws IOException when the captured log cannot be read
   */
  public List<String> logLines() throws IOException {
    return Files.exists(stdout.path())
        ? Files.readAllLines(stdout.path(), StandardCharsets.UTF_8)
        : List.of();
  }

  private ScorerHarness.Result run(MiniBatchSource source) throws IOException {
    if (closed) {
      throw new IllegalStateException("this session is closed");
    }
    List<String> rows = new ArrayList<>();
    List<ScorerHarness.Failure> failed = new ArrayList<>();
    try (source) {
      for (MiniBatch batch = source.next(); batch != null; batch = source.next()) {
        for (RejectedItem r : source.rejected()) {
          failed.add(new ScorerHarness.Failure(r.item(), r.reason()));
        }
        if (batch.size() == 0) {
          continue;
        }
        try {
          PartResult part = PartResult.of(batch, runOnce(batch), true);
          rows.addAll(part.rows());
          for (ItemFailure f : part.failures()) {
            failed.add(new ScorerHarness.Failure(f.item(), f.reason()));
          }
        } catch (Exception e) {
          for (int i = 0; i < batch.size(); i++) {
            failed.add(new ScorerHarness.Failure(batch.itemName(i), e.toString()));
          }
        }
      }
    }
    return new ScorerHarness.Result(List.copyOf(rows), List.copyOf(failed), logLines());
  }

  @SuppressWarnings("unchecked")
  private List<?> runOnce(MiniBatch batch) throws Exception {
    if (scorer instanceof PreparingScorer<?> p) {
      PreparingScorer<Object> ps = (PreparingScorer<Object>) p;
      return ps.run(batch, ps.prepare(batch));
    }
    return scorer.run(batch);
  }

  private static void requireExists(Path input) {
    if (!Files.exists(input)) {
      throw new IllegalArgumentException("input " + input + " does not exist");
    }
  }

  /**
   * Closes the scorer and removes the session's temporary folders.
   *
   * @throws Exception what the scorer's {@code close} throws
   */
  @Override
  public void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    try {
      scorer.close();
    } finally {
      stdout.close();
      errors.close();
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
