package io.batchscore.service.cli;

import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.LogChunk;
import io.batchscore.service.api.WorkspaceService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batchscore job list|show|stream|download|cancel|resume|delete}. */
@Command(
    name = "job",
    description = "Batch jobs (az ml job).",
    subcommands = {
      JobCommands.ListAll.class,
      JobCommands.Show.class,
      JobCommands.Stream.class,
      JobCommands.Download.class,
      JobCommands.Cancel.class,
      JobCommands.Resume.class,
      JobCommands.Delete.class
    })
final class JobCommands {

  @Command(name = "list", description = "Every job, oldest first.")
  static final class ListAll extends Verb {
    @Override
    Object execute(WorkspaceService s) {
      return s.listJobs(null, null);
    }
  }

  @Command(
      name = "show",
      description = "A job: status, times, counts, model version, who" + " invoked it.")
  static final class Show extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(names = "--web", description = "Print the job's studio address instead.")
    boolean web;

    @Override
    Object execute(WorkspaceService s) {
      JobInfo j = s.showJob(name);
      return web ? Map.of("studio_url", j.studioUrl()).get("studio_url") : j;
    }
  }

  @Command(
      name = "stream",
      description =
          "Follow the job's driver log until the job ends; exit" + " 0 when it Completed.")
  static final class Stream extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Override
    Object execute(WorkspaceService s) throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      long offset = 0;
      s.ensureRunner();
      while (true) {
        LogChunk c = s.readJobLog(name, offset);
        out.print(c.text());
        out.flush();
        offset = c.nextOffset();
        if (c.ended()) {
          status = s.showJob(name).status();
          out.println("job " + name + ": " + status);
          return null;
        }
        Thread.sleep(500);
      }
    }

    private String status;

    @Override
    int exitStatus(Object result) {
      return "Completed".equals(status) ? 0 : 1;
    }
  }

  @Command(
      name = "download",
      description =
          "Copy the job's outputs (predictions and logs) to" + " DIR/named-outputs/score.")
  static final class Download extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(names = "--output-name", defaultValue = "score")
    String outputName;

    @Option(names = "--download-path", defaultValue = ".")
    Path downloadPath;

    @Override
    Object execute(WorkspaceService s) {
      return Map.of("path", s.downloadJob(name, outputName, downloadPath).toString());
    }
  }

  @Command(
      name = "cancel",
      description =
          "Cancel a job (a running driver finishes its running" + " mini-batches; resumable).")
  static final class Cancel extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Override
    Object execute(WorkspaceService s) {
      return s.cancelJob(name, localSubject());
    }
  }

  @Command(name = "resume", description = "Continue a Canceled or Failed job in its own folder.")
  static final class Resume extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Override
    Object execute(WorkspaceService s) {
      return s.resumeJob(name, localSubject());
    }
  }

  @Command(name = "delete", description = "Remove a finished job's record and files.")
  static final class Delete extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(names = {"-y", "--yes"})
    boolean yes;

    @Override
    Object execute(WorkspaceService s) {
      confirm(yes, "job " + name);
      s.deleteJob(name);
      return null;
    }
  }

  private JobCommands() {}
}
