package io.batchscore.core.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The console side of the job's progress: a bar redrawn in place (me.tongfei:progressbar), plain
 * lines, or nothing. Called from the progress reporter's one thread, then once from the job's
 * thread at the end ({@link #finish}), after which it is not called again.
 */
public interface ProgressView {

  /**
   * Takes the job's progress at one moment; called often (a few times a second).
   *
   * @param p the progress
   */
  void update(Progress p);

  /**
   * Takes the periodic progress line, the one the overview file gets.
   *
   * @param line the line
   */
  void line(String line);

  /**
   * Shows the final progress and line and releases the console.
   *
   * @param p the final progress
   * @param line the final line
   */
  void finish(Progress p, String line);

  /**
   * Picks the view for a mode.
   *
   * @param mode the mode; {@link ProgressMode#AUTO} gives a bar only when {@code console} is
   *     {@code System.err} and that is a terminal
   * @param console where it goes; null for none
   * @return the view
   */
  static ProgressView of(ProgressMode mode, PrintStream console) {
    if (console == null || mode == ProgressMode.NONE) {
      return none();
    }
    boolean bar =
        switch (mode) {
          case BAR -> true;
          case AUTO -> console == System.err && Terminals.stderrIsTerminal();
          default -> false;
        };
    return bar ? new Bar(console, Terminals.unicode(), 0) : new Plain(console);
  }

  /** @return a view that shows nothing */
  static ProgressView none() {
    return new ProgressView() {
      @Override
      public void update(Progress p) {}

      @Override
      public void line(String line) {}

      @Override
      public void finish(Progress p, String line) {}
    };
  }

  /** Plain lines: the periodic line and the final one, nothing in between. */
  final class Plain implements ProgressView {
    private final PrintStream out;

    /** @param out where the lines go */
    public Plain(PrintStream out) {
      this.out = out;
    }

    @Override
    public void update(Progress p) {}

    @Override
    public void line(String line) {
      out.println(line);
    }

    @Override
    public void finish(Progress p, String line) {
      out.println(line);
      out.flush();
    }
  }

  /**
   * A progress bar: items done of the total once the input is listed (indefinite before),
   * items/s, ETA and the failed count; the periodic lines stay in the overview file, and the
   * final line is printed below the bar.
   */
  final class Bar implements ProgressView {
    private final PrintStream out;
    private final boolean unicode;
    private final int width;
    private ProgressBar bar; // made on the first update, starting from its count (a resume's)
    private long max = -1;
    private long failed;

    /**
     * @param out where the bar is drawn
     * @param unicode whether to draw with Unicode blocks rather than ASCII
     * @param width the bar's whole width in columns; 0 for the terminal's
     */
    public Bar(PrintStream out, boolean unicode, int width) {
      this.out = out;
      this.unicode = unicode;
      this.width = width;
    }

    private ProgressBar bar(long startCount) {
      if (bar == null) {
        bar =
            new ProgressBarBuilder()
                .setTaskName("Scoring")
                .setInitialMax(-1)
                .startsFrom(startCount, Duration.ZERO)
                .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setConsumer(
                    width > 0
                        ? new ConsoleProgressBarConsumer(out, width)
                        : new ConsoleProgressBarConsumer(out))
                .setUnit(" items", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .build();
      }
      return bar;
    }

    @Override
    public void update(Progress p) {
      ProgressBar bar = bar(p.itemsDone());
      if (p.inputListed() && p.itemsListed() != max) {
        max = p.itemsListed();
        bar.maxHint(max);
      }
      if (p.itemsFailed() != failed) {
        failed = p.itemsFailed();
        bar.setExtraMessage(String.format(Locale.ROOT, " (%d failed)", failed));
      }
      bar.stepTo(p.itemsDone());
    }

    @Override
    public void line(String line) {}

    @Override
    public void finish(Progress p, String line) {
      update(p);
      if (!p.inputListed()) {
        bar(p.itemsDone()).maxHint(p.itemsDone());
      }
      bar.close(); // draws the last state and moves to a new line
      out.println(line);
      out.flush();
    }
  }

  /** What the console is, asked once. */
  final class Terminals {
    private static volatile Boolean stderrTerminal;

    private Terminals() {}

    /**
     * @return whether the JVM's standard error is a terminal: TERM is not {@code dumb}, and on
     *     Unix {@code test -t 2} run with the JVM's own fd 2 says so (so {@code 2>log.txt} gets
     *     plain lines and {@code >out.txt} alone still gets the bar); elsewhere, whether there
     *     is a {@link System#console()}
     */
    static boolean stderrIsTerminal() {
      Boolean b = stderrTerminal;
      if (b == null) {
        b = detect();
        stderrTerminal = b;
      }
      return b;
    }

    private static boolean detect() {
      if ("dumb".equals(System.getenv("TERM"))) {
        return false;
      }
      if (System.getProperty("os.name", "").startsWith("Windows")) {
        return System.console() != null;
      }
      try {
        Process p =
            new ProcessBuilder("test", "-t", "2")
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroy();
          return false;
        }
        return p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** @return whether standard error's encoding can draw Unicode blocks */
    static boolean unicode() {
      String enc =
          System.getProperty("sun.stderr.encoding", System.getProperty("native.encoding", ""));
      return enc.toUpperCase(Locale.ROOT).contains("UTF");
    }
  }
}
