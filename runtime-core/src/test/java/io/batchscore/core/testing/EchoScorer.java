package io.batchscore.core.testing;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A test scorer loaded by class name (also in child JVMs): rows {@code <file name>: ok}, with
 * {@code ECHO_DELAY_MS} per item, {@code ECHO_FAIL} (a regex) failing matching items and
 * {@code ECHO_HANG} (a regex) hanging forever on them, deaf to interrupts; {@code ECHO_INIT_FAIL}
 * (a message) fails every {@code init} with it; {@code ECHO_HANG_WHILE} (a file) hangs on items
 * matching {@code ECHO_HANG_WHILE_ITEM} (a regex) while the file exists.
 */
public class EchoScorer implements Scorer {

  private long delay;
  private Pattern fail;
  private Pattern hang;
  private Path hangWhile;
  private Pattern hangWhileItem;

  @Override
  public void init(ScorerContext context) {
    String initFail = context.environment().getOrDefault("ECHO_INIT_FAIL", "");
    if (!initFail.isEmpty()) {
      throw new IllegalStateException("ECHO_INIT_FAIL: " + initFail);
    }
    delay = Long.parseLong(context.environment().getOrDefault("ECHO_DELAY_MS", "0"));
    String f = context.environment().getOrDefault("ECHO_FAIL", "");
    fail = f.isEmpty() ? null : Pattern.compile(f);
    String h = context.environment().getOrDefault("ECHO_HANG", "");
    hang = h.isEmpty() ? null : Pattern.compile(h);
    String w = context.environment().getOrDefault("ECHO_HANG_WHILE", "");
    hangWhile = w.isEmpty() ? null : Path.of(w);
    hangWhileItem =
        Pattern.compile(context.environment().getOrDefault("ECHO_HANG_WHILE_ITEM", ".*"));
  }

  @Override
  public List<?> run(MiniBatch batch) throws Exception {
    List<String> rows = new ArrayList<>();
    for (Path p : batch.files()) {
      String name = p.getFileName().toString();
      if (fail != null && fail.matcher(name).find()) {
        throw new IllegalArgumentException("ECHO_FAIL matched " + name);
      }
      while (hang != null && hang.matcher(name).find()) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException ignored) {
          // deaf to interrupts, as a badly written scorer may be
        }
      }
      while (hangWhile != null
          && hangWhileItem.matcher(name).find()
          && java.nio.file.Files.exists(hangWhile)) {
        Thread.sleep(20);
      }
      if (delay > 0) {
        Thread.sleep(delay);
      }
      rows.add(name + ": ok");
    }
    return rows;
  }
}
