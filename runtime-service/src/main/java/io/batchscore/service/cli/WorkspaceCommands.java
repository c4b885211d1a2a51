package io.batchscore.service.cli;

import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.jobs.JobRunner;
import io.batchscore.service.workspace.LocalWorkspaceService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batchscore workspace show|update|runner}. */
@Command(
    name = "workspace",
    description = "The workspace's settings, and its job runner.",
    subcommands = {
      WorkspaceCommands.Show.class,
      WorkspaceCommands.Update.class,
      WorkspaceCommands.Runner.class
    })
final class WorkspaceCommands {

  @Command(name = "show", description = "The workspace's folder, database and settings.")
  static final class Show extends Verb {
    @Override
    Object execute(WorkspaceService s) {
      return s.info();
    }
  }

  @Command(name = "update", description = "Change the workspace's settings.")
  static final class Update extends Verb {
    @Option(names = "--max-concurrent-jobs", description = "Jobs run at once (default 1).")
    Integer maxConcurrentJobs;

    @Option(names = "--server-address", description = "The address scoring URIs start with.")
    String serverAddress;

    @Option(
        names = "--job-retention-days",
        description = "Clean up finished jobs older than" + " this; 0 keeps them.")
    Integer jobRetentionDays;

    @Override
    Object execute(WorkspaceService s) {
      return s.updateSettings(maxConcurrentJobs, serverAddress, jobRetentionDays);
    }
  }

  @Command(
      name = "runner",
      hidden = true,
      description =
          "Run the workspace's jobs until none"
              + " is left (started by the other verbs when jobs wait).")
  static final class Runner extends Verb {
    @Override
    Object execute(WorkspaceService s) {
      new JobRunner(((LocalWorkspaceService) s).workspace(), true, System.out).run();
      return null;
    }

    @Override
    boolean startsRunner() {
      return false;
    }
  }

  private WorkspaceCommands() {}
}
