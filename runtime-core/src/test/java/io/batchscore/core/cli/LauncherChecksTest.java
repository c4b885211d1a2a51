package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.testing.InputFolders;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What users expect of the launcher besides the numbered faults of issue 13. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherChecksTest {

  @TempDir Path tmp;

  private static Launcher.Outcome run(Launcher l, Path out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run",
                "--deployment",
                l.deployment.toString(),
                "--input",
                l.input.toString(),
                "--output",
                out.toString(),
                "--progress",
                "none"));
    a.addAll(List.of(extra));
    return Launcher.run(a.toArray(String[]::new));
  }

  @Test
  void nonsenseOptionValuesAreErrors() throws IOException {
    Launcher l = new Launcher(tmp, 3);
    Launcher.Outcome port = run(l, tmp.resolve("out"), "--metrics-port", "-1");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err()).startsWith("batchscore: --metrics-port -1: not a TCP port");
    Launcher.Outcome seconds = run(l, tmp.resolve("out"), "--progress-seconds", "0");
    assertThat(seconds.code()).isEqualTo(2);
    assertThat(seconds.err()).startsWith("batchscore: --progress-seconds 0.0: must be");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void anOutputFolderThatCannotBeCreatedIsAOneLineError() throws IOException {
    Launcher l = new Launcher(tmp, 3);
    Files.writeString(tmp.resolve("a-file"), "");
    Launcher.Outcome o = run(l, tmp.resolve("a-file/out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .doesNotContain("\n")
        .doesNotContain("internal error")
        .contains("--output")
        .contains("cannot be created");
  }

  @Test
  void noMoreWorkersStartThanTheInputHasMiniBatches() throws IOException {
    Launcher l = new Launcher(tmp, 3); // mini_batch_size 4, 2 workers: one mini-batch
    Launcher.Outcome o = run(l, tmp.resolve("out"));
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err())
        .contains("the input makes 1 mini-batch(es): 1 of the 2 workers planned" + " start");
    assertThat(Files.readString(tmp.resolve("out/logs/sys/job.log")))
        .contains("worker node000/process000 started")
        .doesNotContain("process001 started");

    InputFolders.files(l.input, "f%03d.txt", 3, 9, ""); // 9 files: 3 mini-batches, 2 workers
    Launcher.Outcome more = run(l, tmp.resolve("more"));
    assertThat(more.err()).doesNotContain("workers planned");
    assertThat(Files.readString(tmp.resolve("more/logs/sys/job.log")))
        .contains("process000 started")
        .contains("process001 started");
  }

  @Test
  void jobErrorStaysParseableForNamesWithTabsAndLineBreaks() throws IOException {
    Launcher l = new Launcher(tmp, 3);
    Files.writeString(l.input.resolve("a\tb.txt"), "");
    Files.writeString(l.input.resolve("c\nd.txt"), "");
    Launcher.Outcome o =
        run(l, tmp.resolve("out"), "--set", "environment_variables.ECHO_FAIL=[\\t\\n]");
    assertThat(o.code()).as(o.err()).isZero();
    String text = Files.readString(tmp.resolve("out/logs/job_error.txt"));
    String items = text.substring(text.indexOf('\n', text.indexOf("Failed items (2)")) + 1);
    List<CSVRecord> records =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter('\t')
            .get()
            .parse(new StringReader(items))
            .getRecords();
    assertThat(records)
        .extracting(r -> r.get(0))
        .containsExactly(
            l.input.resolve("a\tb.txt").toString(), l.input.resolve("c\nd.txt").toString());
    assertThat(records).allSatisfy(r -> assertThat(r.get(1)).contains("ECHO_FAIL matched"));
  }

  @Test
  void aSizeMiniBatchOnAFolderOfOtherFilesWarnsOnTheConsole() throws IOException {
    Launcher l = new Launcher(tmp, 3);
    Launcher.Outcome o = run(l, tmp.resolve("out"), "--set", "mini_batch_size=1KB");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("3 file(s) not named *.csv were skipped");
  }

  @Test
  void aFileNameThatIsNotUtf8IsScoredAndReported() throws Exception {
    Launcher l = new Launcher(tmp, 3);
    Process touch =
        new ProcessBuilder(
                "sh", "-c", "touch \"$(printf '%s/\\377x.txt' \"$1\")\"", "sh", l.input.toString())
            .start();
    assertThat(touch.waitFor()).isZero();
    Launcher.Outcome o = run(l, tmp.resolve("out"));
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(Files.readAllLines(tmp.resolve("out/predictions.csv"))).hasSize(4);
    assertThat(o.err()).contains("1 input file name(s) are not valid UTF-8");
    assertThat(Files.readString(tmp.resolve("out/logs/sys/job.log")))
        .contains("input file name is not valid UTF-8");
  }
}
