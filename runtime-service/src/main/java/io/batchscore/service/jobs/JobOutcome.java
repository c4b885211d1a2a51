package io.batchscore.service.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a driver ended, read from its {@code logs/job_result.txt} (first line the status, then
 * {@code key: value} lines), or from its exit status and the last line of its console when it
 * wrote no result (it could not start, or died): {@code Canceled} when a cancel was asked for (the
 * runner's SIGTERM can reach a driver still starting, before it can write a result), else {@code
 * Failed}.
 *
 * @param status {@code Completed}, {@code Failed} or {@code Canceled}
 * @param items items scored, or null
 * @param succeeded items with a row, or null
 * @param failed failed items, or null
 * @param error the reason, or null
 */
record JobOutcome(String status, Long items, Long succeeded, Long failed, String error) {

  static JobOutcome read(
      Path outputDir, Integer exitCode, Path driverLog, boolean cancelRequested) {
    Path result = outputDir.resolve("logs").resolve("job_result.txt");
    try {
      if (Files.exists(result)) {
        List<String> lines = Files.readAllLines(result);
        if (!lines.isEmpty()) {
          String status = lines.get(0).trim();
          String reason = value(lines, "reason");
          return new JobOutcome(
              status,
              number(lines, "items"),
              number(lines, "succeeded"),
              number(lines, "failed"),
              reason);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // fall through to the exit status
    }
    if (cancelRequested) {
      return new JobOutcome(
          "Canceled", null, null, null, "canceled before the driver wrote a result");
    }
    String last = lastLine(driverLog);
    String why =
        exitCode == null
            ? "the driver ended without a result"
            : "the driver exited with status " + exitCode + " without a result";
    return new JobOutcome(
        "Failed", null, null, null, last == null ? why : last.replaceFirst("^batchscore: ", ""));
  }

  private static String value(List<String> lines, String key) {
    for (String l : lines) {
      if (l.startsWith(key + ": ")) {
        return l.substring(key.length() + 2).trim();
      }
    }
    return null;
  }

  private static Long number(List<String> lines, String key) {
    String v = value(lines, key);
    return v == null ? null : Long.valueOf(v);
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith("batchscore: ")
            && !lines.get(i).startsWith("batchscore: driver ")) {
          return lines.get(i);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}
