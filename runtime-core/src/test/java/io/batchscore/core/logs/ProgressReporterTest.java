package io.batchscore.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressReporterTest {

  @TempDir Path tmp;

  private final AtomicLong done = new AtomicLong();

  private Progress progress() {
    return new Progress(done.get() / 10, done.get() / 10, done.get(), 0, 500, true, 1_000_000_000L);
  }

  /** Ten ticks driven by the test (a line every other one), then the final report. */
  private String runFor(ProgressView view, List<Progress> samples) throws Exception {
    LogFile overview = new LogFile(tmp.resolve("job_progress_overview.2026010203.txt"));
    try (ProgressReporter r =
        new ProgressReporter(overview, view, this::progress, 100, samples::add)) {
      for (int i = 0; i < 10; i++) {
        done.addAndGet(50);
        r.tick(i % 2 == 1);
      }
      r.report("Completed");
    }
    return Files.readString(overview.path());
  }

  @Test
  void redirectedConsoleGetsPlainLinesOnlyAndTheFileTheSame() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressView view = ProgressView.of(ProgressMode.AUTO, out);
    assertThat(view).isInstanceOf(ProgressView.Plain.class);
    List<Progress> samples = new CopyOnWriteArrayList<>();

    String file = runFor(view, samples);

    String console = bytes.toString(StandardCharsets.UTF_8);
    assertThat(console).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\b");
    assertThat(console.lines())
        .allMatch(
            l ->
                l.matches(
                    "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (Running|Completed): mini-batches .*items/s"));
    assertThat(console.lines().count()).isEqualTo(6); // five periodic lines and the final one
    assertThat(console).isEqualTo(file.replace(System.lineSeparator(), "\n"));
    assertThat(console.lines().reduce((a, b) -> b).orElseThrow())
        .contains("Completed: ")
        .contains("items done 500 of 500");
    assertThat(samples).hasSize(11); // sampled every tick and at the end, not only every line
    assertThat(samples.get(0).itemsDone()).isEqualTo(50);
  }

  @Test
  void itsThreadSamplesAndWritesLinesUntilClosed() throws Exception {
    LogFile overview = new LogFile(tmp.resolve("job_progress_overview.2026010203.txt"));
    CountDownLatch sampled = new CountDownLatch(3);
    CountDownLatch lines = new CountDownLatch(2);
    ProgressView view =
        new ProgressView() {
          @Override
          public void update(Progress p) {}

          @Override
          public void line(String line) {
            lines.countDown();
          }

          @Override
          public void finish(Progress p, String line) {}
        };
    List<Progress> samples = new CopyOnWriteArrayList<>();
    ProgressReporter r =
        new ProgressReporter(
            overview,
            view,
            this::progress,
            1,
            p -> {
              samples.add(p);
              sampled.countDown();
            });
    try {
      r.start();
      assertThat(sampled.await(30, TimeUnit.SECONDS)).as("sampled on its own").isTrue();
      assertThat(lines.await(30, TimeUnit.SECONDS)).as("lines written on its own").isTrue();
    } finally {
      r.close();
    }
    assertThat(Files.readString(overview.path())).contains("Running: ");
    int afterClose = samples.size();
    r.tick(true);
    assertThat(samples).as("a tick after close does nothing").hasSize(afterClose);
  }

  @Test
  void noneAndNullConsolePrintNothingButTheFileIsWritten() throws Exception {
    assertThat(ProgressView.of(ProgressMode.PLAIN, null)).isNotInstanceOf(ProgressView.Plain.class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String file =
        runFor(
            ProgressView.of(
                ProgressMode.NONE, new PrintStream(bytes, true, StandardCharsets.UTF_8)),
            new CopyOnWriteArrayList<>());
    assertThat(bytes.size()).isZero();
    assertThat(file).contains("Completed: ");
  }

  @Test
  void barRedrawsInPlaceWithTotalSpeedAndFailedCount() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressView.Bar bar = new ProgressView.Bar(out, false, 120);
    bar.update(new Progress(1, 0, 0, 0, 40, false, 1));
    bar.update(new Progress(5, 4, 40, 2, 100, true, 2_000_000_000L));
    bar.finish(new Progress(10, 10, 98, 2, 100, true, 3_000_000_000L), "final line");
    String s = bytes.toString(StandardCharsets.UTF_8);
    assertThat(s)
        .contains("\rScoring")
        .contains("100/100")
        .contains("items/s")
        .contains(" (2 failed)");
    assertThat(s).endsWith("final line" + System.lineSeparator());
  }

  @Test
  void modesParseAndNameTheBadValue() {
    assertThat(ProgressMode.parse("Bar")).isEqualTo(ProgressMode.BAR);
    assertThat(ProgressMode.parse(" plain ")).isEqualTo(ProgressMode.PLAIN);
    assertThat(ProgressMode.AUTO).hasToString("auto");
    assertThatThrownBy(() -> ProgressMode.parse("fancy"))
        .hasMessageContaining("fancy")
        .hasMessageContaining("auto, bar, plain, none");
  }
}
