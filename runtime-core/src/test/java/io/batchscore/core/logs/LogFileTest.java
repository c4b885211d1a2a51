package io.batchscore.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each write reaches the file at once and whole, in UTF-8, from any number of threads. */
class LogFileTest {

  @TempDir Path dir;

  @Test
  void everyWriteIsInTheFileBeforeTheNext() throws IOException {
    Path path = dir.resolve("sub/process000.stdout.txt");
    try (LogFile log = new LogFile(path)) {
      log.write("first line\n");
      assertThat(Files.readString(path)).isEqualTo("first line\n"); // not buffered
      log.write("Größe ✓ 😀\n");
      assertThat(Files.readAllBytes(path))
          .isEqualTo("first line\nGröße ✓ 😀\n".getBytes(StandardCharsets.UTF_8));
    }
    try (LogFile again = new LogFile(path)) {
      again.write("appended\n");
    }
    assertThat(Files.readAllLines(path)).containsExactly("first line", "Größe ✓ 😀", "appended");
  }

  @Test
  void linesOfSeveralThreadsStayWhole() throws Exception {
    Path path = dir.resolve("log.txt");
    try (LogFile log = new LogFile(path)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    log.write("thread " + id + " line " + i + " " + "x".repeat(100) + "\n");
                  }
                });
        thread.start();
        threads.add(thread);
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    List<String> lines = Files.readAllLines(path);
    assertThat(lines).hasSize(2000).allMatch(l -> l.matches("thread \\d line \\d+ x{100}"));
  }

  @Test
  void anUnwritableLogDropsItsLinesWithoutFailing() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "");
    try (LogFile log = new LogFile(file.resolve("under-a-file.txt"))) {
      log.write("lost\n");
      log.write("lost too\n");
    }
    assertThat(Files.readString(file)).isEmpty();
  }
}
