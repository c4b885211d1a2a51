package io.batchscore.spark;

import org.junit.jupiter.api.Assumptions;

/** A real part a test needs: in CI ({@code CI=true}) its absence fails the test; else it skips. */
final class Reals {

  private Reals() {}

  static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("missing in CI: " + what);
    }
    Assumptions.abort("skipped: missing " + what);
  }
}
