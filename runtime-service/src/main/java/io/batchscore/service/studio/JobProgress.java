package io.batchscore.service.studio;

import io.batchscore.service.api.JobInfo;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A job's progress: while it runs, the last line its driver wrote to
 * {@code logs/job_progress_overview.<hour>.txt}; once it has ended, its final counts.
 */
final class JobProgress {

  private static final Pattern LINE =
      Pattern.compile(
          "items done (\\d+)(?: of (\\d+))? \\(succeeded \\d+, failed \\d+\\); ([0-9.]+) items/s");
  private static final int TAIL_BYTES = 4096;

  private JobProgress() {}

  /**
   * @param job the job
   * @param ended whether it has ended
   * @param jobDir its output folder (may not exist yet)
   * @return its progress
   */
  static Views.Progress of(JobInfo job, boolean ended, Path jobDir) {
    if (ended && job.succeeded() != null) {
      long done = job.succeeded() + (job.failed() == null ? 0 : job.failed());
      return new Views.Progress(done, done, rate(done, job.startTime(), job.endTime()), "", 100);
    }
    return lastLine(jobDir.resolve("logs")).map(JobProgress::parse).orElse(Views.Progress.NONE);
  }

  /**
   * @param line a progress line of the driver
   * @return what it says, or {@link Views.Progress#NONE}
   */
  static Views.Progress parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      return Views.Progress.NONE;
    }
    long done = Long.parseLong(m.group(1));
    long total = m.group(2) == null ? -1 : Long.parseLong(m.group(2));
    double rate = Double.parseDouble(m.group(3));
    String eta = "";
    int percent = -1;
    if (total > 0) {
      percent = (int) Math.min(100, done * 100 / total);
      if (rate > 0) {
        eta = human((long) Math.ceil((total - done) / rate));
      }
    }
    return new Views.Progress(done, total, rate, eta, percent);
  }

  /** @return items per second between two ISO-8601 instants, or 0 when either is unknown */
  static double rate(long items, String start, String end) {
    try {
      double seconds =
          java.time.Duration.between(java.time.Instant.parse(start), java.time.Instant.parse(end))
                  .toMillis()
              / 1000.0;
      return seconds <= 0 ? 0 : items / seconds;
    } catch (RuntimeException unknown) {
      return 0;
    }
  }

  static String human(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %d min", seconds / 3600, seconds % 3600 / 60);
  }

  private static Optional<String> lastLine(Path logs) {
    if (!Files.isDirectory(logs)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(logs)) {
      Optional<Path> newest =
          files
              .filter(p -> p.getFileName().toString().startsWith("job_progress_overview."))
              .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .max(Comparator.comparing(p -> p.getFileName().toString()));
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      try (RandomAccessFile f = new RandomAccessFile(newest.get().toFile(), "r")) {
        long start = Math.max(0, f.length() - TAIL_BYTES);
        byte[] bytes = new byte[(int) (f.length() - start)];
        f.seek(start);
        f.readFully(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        int nl = text.lastIndexOf('\n');
        return Optional.of(nl < 0 ? text : text.substring(nl + 1));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
