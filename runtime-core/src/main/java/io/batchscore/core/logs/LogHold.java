package io.batchscore.core.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the log files of a job that is not sure to start yet: their lines are kept in
 * memory until {@link #release} writes them (the job starts) or {@link #drop} discards them (the
 * job could not start, and the output folder must stay as the earlier job left it).
 *
 * <p><b>Concurrency.</b> Files register under this object's lock; {@link #release} and
 * {@link #drop} change the state under it, then tell each file, which orders its held lines
 * before any line written later under its own lock.
 */
public final class LogHold {

  private final List<LogFile> files = new ArrayList<>(); // guarded by this
  private boolean decided; // guarded by this

  /** @return true when the file must hold its lines until the hold is decided */
  synchronized boolean register(LogFile file) {
    if (!decided) {
      files.add(file);
    }
    return !decided;
  }

  /** Writes every held line to its file; lines written from now on go straight to the files. */
  public void release() {
    for (LogFile f : decide()) {
      f.releaseHeld();
    }
  }

  /** Discards every held line; the files are never written. */
  public void drop() {
    for (LogFile f : decide()) {
      f.dropHeld();
    }
  }

  private synchronized List<LogFile> decide() {
    decided = true;
    List<LogFile> all = List.copyOf(files);
    files.clear();
    return all;
  }
}
