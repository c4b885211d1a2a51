package io.batchscore.service.jobs;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.WorkspaceService;

/** Opens {@link ConcurrencyLimitTest}'s check to the PostgreSQL test. */
public final class ConcurrencyLimitTestAccess {

  private ConcurrencyLimitTestAccess() {}

  /**
   * @param ws the test workspace
   * @param service its service, with no runner yet
   * @param jobs how many jobs
   * @throws Exception when something fails
   */
  public static void check(TestWorkspace ws, WorkspaceService service, int jobs) throws Exception {
    ConcurrencyLimitTest.check(ws, service, jobs);
  }
}
