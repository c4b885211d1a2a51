package io.batchscore.examples.embedded;

/** Prints one environment variable: the JVM {@code bin/batchscore} starts, seen from inside. */
public final class PrintEnvMain {

  private PrintEnvMain() {}

  /** @param args the variable's name */
  public static void main(String[] args) {
    System.out.println(args[0] + "=" + System.getenv(args[0]));
  }
}
