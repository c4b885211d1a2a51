package io.batchscore.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server from Debian's package, for a test: {@code initdb} in a temporary
 * data folder and {@code pg_ctl start} on a free loopback port, both as the {@code postgres}
 * user; {@link #close} stops it and deletes the folder. Missing PostgreSQL (or not root) fails
 * the test under {@code CI=true} and skips it otherwise.
 */
public final class PostgresServer implements AutoCloseable {

  private final Path base;
  private final Path bin;
  private final int port;

  private PostgresServer(Path base, Path bin, int port) {
    this.base = base;
    this.bin = bin;
    this.port = port;
  }

  /**
   * @return a started server
   * @throws Exception when it cannot start
   */
  public static PostgresServer start() throws Exception {
    Path bin = findBin();
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    String why =
        bin == null
            ? "PostgreSQL is not installed (apt-get install postgresql)"
            : !"root".equals(System.getProperty("user.name"))
                ? "starting PostgreSQL as the postgres user needs root"
                : null;
    if (why != null) {
      if (ci) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    Path base = Files.createTempDirectory("batchscore-pg");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = Files.createDirectories(base.resolve("data"));
    Path sock = Files.createDirectories(base.resolve("sock"));
    run(List.of("chown", "-R", "postgres:postgres", base.toString()));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PostgresServer server = new PostgresServer(base, bin, port);
    try {
      server.asPostgres(
          "initdb",
          "-D",
          data.toString(),
          "-U",
          "postgres",
          "-A",
          "trust",
          "-E",
          "UTF8",
          "--no-sync");
      server.asPostgres(
          "pg_ctl",
          "-D",
          data.toString(),
          "-l",
          base.resolve("log").toString(),
          "-w",
          "-t",
          "30",
          "-o",
          "-p " + port + " -k " + sock + " -c listen_addresses=127.0.0.1 -c fsync=off",
          "start");
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** @return the JDBC URL of its {@code postgres} database */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  public void close() throws Exception {
    try {
      if (Files.exists(base.resolve("data/postmaster.pid"))) {
        asPostgres("pg_ctl", "-D", base.resolve("data").toString(), "-m", "fast", "-w", "stop");
      }
    } finally {
      try (Stream<Path> s = Files.walk(base)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void asPostgres(String tool, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("runuser", "-u", "postgres", "--", bin.resolve(tool).toString()));
    cmd.addAll(List.of(args));
    run(cmd);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + ": timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
    }
  }

  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(
              Comparator.comparing(
                  b ->
                      Integer.parseInt(
                          b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
          .orElse(null);
    }
  }
}
