package io.batchscore.core.cli;

import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM while {@code batchscore run} runs a job. The first cancels the job
 * gracefully (no new mini-batch starts, running ones finish within the timeout and are committed)
 * and says what it waits for; the job ends {@code Canceled} and the launcher exits 130 (SIGINT)
 * or 143 (SIGTERM). A SIGINT after that (a second Ctrl-C) stops the process at once with the
 * first signal's status: what was committed stays, and {@code --resume} finishes the job. A
 * repeated SIGTERM changes nothing, so a supervisor that sends it twice still gets a graceful
 * cancel.
 *
 * <p>Handlers run on the JVM's signal thread; the first signal's number is kept in an atomic.
 */
final class SignalCancel implements AutoCloseable {

  private static final String[] SIGNALS = {"INT", "TERM"};

  private final AtomicInteger received = new AtomicInteger();
  private final List<Signal> installed = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private SignalCancel() {}

  /**
   * @param job the job to cancel
   * @param timeout how long a running mini-batch may take, said in the message
   * @param err where the messages go
   * @return the handlers, installed until {@link #close}
   */
  static SignalCancel install(ScoringJob job, Duration timeout, PrintWriter err) {
    SignalCancel s = new SignalCancel();
    for (String name : SIGNALS) {
      try {
        Signal signal = new Signal(name);
        SignalHandler old = Signal.handle(signal, sig -> s.on(sig, job, timeout, err));
        s.installed.add(signal);
        s.previous.add(old);
      } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
        // the JVM keeps this signal (-Xrs): its default exit runs the shutdown hook instead
      }
    }
    return s;
  }

  private void on(Signal sig, ScoringJob job, Duration timeout, PrintWriter err) {
    int status = 128 + sig.getNumber();
    if (!received.compareAndSet(0, status)) {
      if (sig.getName().equals("INT")) {
        err.println(
            "batchscore: SIGINT again: stopping at once; what was committed stays,"
                + " --resume finishes the job");
        err.flush();
        Runtime.getRuntime().halt(received.get());
      }
      return; // a repeated SIGTERM (a supervisor's) changes nothing: the cancel goes on
    }
    err.println(
        "batchscore: SIG"
            + sig.getName()
            + ": canceling; waiting for the running"
            + " mini-batches to finish and be committed (at most retry_settings.timeout, "
            + timeout.toSeconds()
            + " s); Ctrl-C (SIGINT) again stops at once");
    err.flush();
    job.cancel("canceled by SIG" + sig.getName() + "; finish it with --resume");
  }

  /**
   * @param r how the job ended
   * @return the launcher's exit status: 128 + the signal's number when a signal canceled it
   */
  int exitCode(JobResult r) {
    int signal = received.get();
    return r.status() == JobStatus.Canceled && signal != 0 ? signal : r.exitCode();
  }

  /** Puts back the handlers there were before. */
  @Override
  public void close() {
    for (int i = 0; i < installed.size(); i++) {
      Signal.handle(installed.get(i), previous.get(i));
    }
  }
}
