package io.batchscore.service.workspace;

import io.batchscore.service.api.WorkspaceException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the workspace's database and migrates its schema with Flyway ({@code db/migration}, the
 * same scripts on SQLite and PostgreSQL).
 *
 * <p>SQLite is opened in WAL mode with a busy timeout and {@code BEGIN IMMEDIATE} transactions,
 * so that the CLI, the runner and a server, each its own process, can write to one file: a
 * transaction that reads then writes takes the write lock at its start and waits for it rather
 * than failing with {@code SQLITE_BUSY_SNAPSHOT}. Claims of queued jobs are single conditional
 * UPDATE statements.
 */
public final class Database {

  static {
    // SLF4J (Flyway, JDBI) without a provider would warn on stderr at each command
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  private Database() {}

  /**
   * @param jdbcUrl {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}
   * @return a migrated database
   */
  public static Jdbi open(String jdbcUrl) {
    DataSource ds = dataSource(jdbcUrl);
    try {
      Flyway flyway =
          Flyway.configure()
              .dataSource(ds)
              .locations("classpath:db/migration")
              .loggers("slf4j")
              .load();
      // migrate (which writes, under a lock) only when a migration is pending: every command
      // opens the database while a runner may be writing to it
      if (flyway.info().pending().length > 0) {
        flyway.migrate();
      }
    } catch (FlywayException e) {
      throw WorkspaceException.badRequest(
          "database "
              + redact(jdbcUrl)
              + ": "
              + e.getMessage().lines().findFirst().orElse("migration failed"));
    }
    return Jdbi.create(ds);
  }

  private static DataSource dataSource(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.setBusyTimeout(30_000);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      config.enforceForeignKeys(true);
      SQLiteDataSource ds = new SQLiteDataSource(config);
      ds.setUrl(jdbcUrl);
      return ds;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(jdbcUrl);
      return ds;
    }
    throw WorkspaceException.badRequest(
        "database " + redact(jdbcUrl) + ": not a jdbc:sqlite: or jdbc:postgresql: URL");
  }

  /**
   * @param jdbcUrl a JDBC URL
   * @return the URL without its password parameter, for messages
   */
  public static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
