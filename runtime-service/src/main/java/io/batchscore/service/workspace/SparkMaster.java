package io.batchscore.service.workspace;

import java.util.regex.Pattern;

/** The master URL of a compute of {@code type: spark}, as Spark's own {@code --master} takes it. */
final class SparkMaster {

  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._-]+:[0-9]{1,5}");
  private static final Pattern LOCAL =
      Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");

  private SparkMaster() {}

  /**
   * @param r the compute's file, for the error
   * @param master its {@code master} value
   * @throws io.batchscore.service.api.WorkspaceException naming the file and {@code master}
   *     unless it is {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]},
   *     {@code spark://HOST:PORT[,HOST:PORT...]}, {@code yarn} or {@code k8s://http(s)://...}
   */
  static void check(SpecReader r, String master) {
    if (!valid(master)) {
      throw r.bad(
          "master",
          "'"
              + master
              + "' is not local[N], spark://HOST:PORT, yarn or"
              + " k8s://https://HOST:PORT");
    }
  }

  static boolean valid(String master) {
    if (LOCAL.matcher(master).matches() || master.equals("yarn")) {
      return true;
    }
    if (master.startsWith("spark://")) {
      for (String hp : master.substring("spark://".length()).split(",", -1)) {
        if (!HOST_PORT.matcher(hp).matches()
            || Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1)) > 65535) {
          return false;
        }
      }
      return true;
    }
    return master.matches("k8s://https?://[^\\s/]+(/\\S*)?");
  }
}
