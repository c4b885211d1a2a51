package io.batchscore.service.workspace;

import io.batchscore.service.PostgresServer;
import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.cli.SeedWorkflowTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's workflow and the concurrency limit on a real PostgreSQL server (Debian's, started
 * for the test), as a team's shared workspace keeps its records: the same Flyway schema, the
 * same queries.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PostgresWorkspaceTest {

  static PostgresServer server;
  @TempDir Path tmp;
  WorkspaceService service;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void close() {
    if (service != null) {
      service.close();
    }
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private void resetSchema() {
    org.jdbi.v3.core.Jdbi.create(server.jdbcUrl())
        .useHandle(h -> h.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
  }

  @Test
  void seedWorkflow() throws Exception {
    resetSchema();
    TestWorkspace ws = new TestWorkspace(tmp, server.jdbcUrl());
    service = WorkspaceService.open(ws.dir(), server.jdbcUrl());
    try (AutoCloseable runner = service.runJobs()) {
      SeedWorkflowTest.check(ws, tmp);
    }
  }

  @Test
  void twentyJobsOnALimitOfTwo() throws Exception {
    resetSchema();
    TestWorkspace ws = new TestWorkspace(tmp, server.jdbcUrl());
    service = WorkspaceService.open(ws.dir(), server.jdbcUrl());
    io.batchscore.service.jobs.ConcurrencyLimitTestAccess.check(ws, service, 20);
  }
}
