package io.batchscore.core.testing;

import io.batchscore.api.Scorer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one {@link Scorer} in this thread the way a worker does, for a scorer's unit tests:
 * {@code init} once with a real context (CPU, the model folder, environment variables, a logger
 * whose lines are captured), {@code run} once per mini-batch (through {@code prepare} for a
 * {@link PreparingScorer}), {@code close} at the end. Rows are formatted as in
 * {@code predictions.csv}; failed items are read as the runtime reads them.
 *
 * <pre>{@code
 * ScorerHarness.Result r = ScorerHarness.of(new MyScorer()).modelDir(Path.of("model"))
 *     .runFiles(Path.of("sample-request"));
 * assertThat(r.rows()).hasSize(200);
 * }</pre>
 *
 * <p>{@link #start} keeps one instance for several runs (a soak test, say). No retries, timeouts or failure isolation: a {@code run} that throws fails all the items of
 * its mini-batch with the exception as the reason, and the next mini-batch runs. An {@code init}
 * that throws is thrown by {@code run*}. One harness runs one scorer instance once.
 */
public final class ScorerHarness {

  private final Scorer scorer;
  private Path modelDir;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private int batchSize = 10;
  private long batchBytes = 1 << 20;
  private int intraOpThreads = 1;
  private String loggingLevel = "INFO";

  private ScorerHarness(Scorer scorer) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
  }

  /**
   * @param scorer a new instance of the scorer under test
   * @return a harness for it
   */
  public static ScorerHarness of(Scorer scorer) {
    return new ScorerHarness(scorer);
  }

  /**
   * @param dir {@code context.modelDir()}; default a new empty temporary folder
   * @return this
   */
  public ScorerHarness modelDir(Path dir) {
    this.modelDir = dir;
    return this;
  }

  /**
   * @param name an {@code environment_variables} name
   * @param value its value
   * @return this
   */
  public ScorerHarness env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * @param files files per mini-batch for {@link #runFiles}; default 10
   * @return this
   */
  public ScorerHarness miniBatchSize(int files) {
    if (files < 1) {
      throw new IllegalArgumentException("mini-batch size " + files + " is not positive");
    }
    this.batchSize = files;
    return this;
  }

  /**
   * @param bytes bytes of CSV per mini-batch for {@link #runCsv} and {@link #runRows}; default 1 MB
   * @return this
   */
  public ScorerHarness miniBatchBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("mini-batch size " + bytes + " bytes is not positive");
    }
    this.batchBytes = bytes;
    return this;
  }

  /**
   * @param threads {@code context.intraOpThreads()}; default 1
   * @return this
   */
  public ScorerHarness intraOpThreads(int threads) {
    this.intraOpThreads = threads;
    return this;
  }

  /**
   * @param level {@code logging_level}: lines below it are not captured; default INFO
   * @return this
   */
  public ScorerHarness loggingLevel(String level) {
    this.loggingLevel = Objects.requireNonNull(level, "level");
    return this;
  }

  /**
   * Makes a context, calls {@code init} and keeps the scorer for several runs, as one worker
   * does; closing the session closes the scorer.
   *
   * @return the session
   * @throws Exception what {@code init} throws (the scorer is closed then)
   */
  public ScorerSession start() throws Exception {
    return new ScorerSession(
        scorer,
        modelDir,
        Map.copyOf(environment),
        batchSize,
        batchBytes,
        intraOpThreads,
        loggingLevel);
  }

  /**
   * Scores a folder's files (listed recursively and sorted as a job lists them) or one file:
   * {@code init}, the mini-batches, {@code close}.
   *
   * @param input the folder or file
   * @return the rows, failed items and log lines
   * @throws Exception what {@code init} or {@code close} throw, or when the input cannot be read
   */
  public Result runFiles(Path input) throws Exception {
    try (ScorerSession s = start()) {
      return s.runFiles(input);
    }
  }

  /**
   * Scores tabular input: a CSV file, or a folder of them, each with a header line.
   *
   * @param input the file or folder
   * @return the rows, failed items and log lines
   * @throws Exception what {@code init} or {@code close} throw, or when the input cannot be read
   */
  public Result runCsv(Path input) throws Exception {
    try (ScorerSession s = start()) {
      return s.runCsv(input);
    }
  }

  /**
   * Scores a list of rows as tabular input: written to a temporary CSV file whose header is the
   * first row's keys, then read as a job reads it ({@code batch.rows()}).
   *
   * @param rows the rows, column name to value, all with the same columns
   * @return the rows, failed items and log lines
   * @throws Exception what {@code init} or {@code close} throw
   */
  public Result runRows(List<? extends Map<String, ?>> rows) throws Exception {
    try (ScorerSession s = start()) {
      return s.runRows(rows);
    }
  }

  /**
   * What a harness run gave.
   *
   * @param rows the rows, formatted as in {@code predictions.csv}, in input order
   * @param failedItems the items that failed, in input order within each mini-batch
   * @param logLines the lines the scorer logged through {@code context.logger()}
   */
  public record Result(List<String> rows, List<Failure> failedItems, List<String> logLines) {

    /**
     * @param text a piece of text
     * @return true when a captured log line contains it
     */
    public boolean logged(String text) {
      return logLines.stream().anyMatch(l -> l.contains(text));
    }
  }

  /**
   * A failed item.
   *
   * @param item the file path, or a row's {@code file:line}
   * @param reason why it failed
   */
  public record Failure(String item, String reason) {}
}
