package io.batchscore.examples.chaos;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A scorer for rehearsing a deployment's error settings. It reads no file; each item's row is
 * {@code <file name>: ok}. Faults are chosen by {@code environment_variables} (so
 * {@code --set environment_variables.CHAOS_FAIL=...} works), regexes matched against file names:
 *
 * <ul>
 *   <li>{@code CHAOS_FAIL}: {@code run} throws when the mini-batch holds a matching item;</li>
 *   <li>{@code CHAOS_FLAKY}: the same, but only on a mini-batch's first attempt;</li>
 *   <li>{@code CHAOS_HANG}: {@code run} never returns (ignoring interrupts) for a matching item;</li>
 *   <li>{@code CHAOS_SHORT}: matching items are left out of the result list;</li>
 *   <li>{@code CHAOS_DELAY_MS}: sleep this many milliseconds per item;</li>
 *   <li>{@code CHAOS_INIT_FAIL}: any non-empty value makes {@code init} throw with it;</li>
 *   <li>{@code CHAOS_CLOSE_MARKER}: a file path; {@code close} appends a line naming the worker
 *       ({@code <instance>/<worker id> on <device>}) to it, so a test sees each close.</li>
 * </ul>
 */
public final class ChaosScorer implements Scorer {

  private Pattern fail;
  private Pattern flaky;
  private Pattern hang;
  private Pattern shortResult;
  private long delayMillis;
  private String closeMarker;
  private String worker;
  private System.Logger log;

  @Override
  public void init(ScorerContext context) {
    Map<String, String> env = context.environment();
    log = context.logger();
    String initFail = env.getOrDefault("CHAOS_INIT_FAIL", "");
    if (!initFail.isEmpty()) {
      throw new IllegalStateException("CHAOS_INIT_FAIL: " + initFail);
    }
    fail = pattern(env, "CHAOS_FAIL");
    flaky = pattern(env, "CHAOS_FLAKY");
    hang = pattern(env, "CHAOS_HANG");
    shortResult = pattern(env, "CHAOS_SHORT");
    delayMillis = Long.parseLong(env.getOrDefault("CHAOS_DELAY_MS", "0").trim());
    closeMarker = env.getOrDefault("CHAOS_CLOSE_MARKER", "");
    worker = context.instanceId() + "/" + context.workerId() + " on " + context.device();
    log.log(
        Level.INFO,
        "chaos scorer ready on {0}: fail={1} flaky={2} hang={3} short={4} delay={5}ms",
        context.device(),
        fail,
        flaky,
        hang,
        shortResult,
        delayMillis);
  }

  private static Pattern pattern(Map<String, String> env, String key) {
    String v = env.getOrDefault(key, "");
    return v.isEmpty() ? null : Pattern.compile(v);
  }

  private static boolean matches(Pattern p, String name) {
    return p != null && p.matcher(name).find();
  }

  @Override
  public List<?> run(MiniBatch batch) throws Exception {
    log.log(Level.DEBUG, "run {0}", batch);
    List<String> rows = new ArrayList<>(batch.size());
    for (Path file : batch.files()) {
      String name = file.getFileName().toString();
      if (matches(fail, name)) {
        throw new IllegalStateException("CHAOS_FAIL matched " + name);
      }
      if (batch.attempt() == 1 && batch.part().isEmpty() && matches(flaky, name)) {
        throw new IllegalStateException("CHAOS_FLAKY matched " + name + " on attempt 1");
      }
      if (matches(hang, name)) {
        hangForever();
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (!matches(shortResult, name)) {
        rows.add(name + ": ok");
      }
    }
    return rows;
  }

  @Override
  public void close() throws IOException {
    if (closeMarker != null && !closeMarker.isEmpty()) {
      Files.writeString(
          Path.of(closeMarker),
          worker + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    }
  }

  @SuppressWarnings("InfiniteLoopStatement")
  private static void hangForever() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ignored) {
        // a badly behaved scorer: keeps hanging
      }
    }
  }
}
