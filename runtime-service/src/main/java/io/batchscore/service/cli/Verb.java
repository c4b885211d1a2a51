package io.batchscore.service.cli;

import io.batchscore.core.cli.ExitCodes;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.api.WorkspaceService;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A workspace verb: opens the workspace, performs one operation, prints its result in the format
 * asked, and starts the background runner when jobs wait for one. A {@link WorkspaceException}
 * is printed as one line, exit status 2.
 */
abstract class Verb implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /**
   * @param service the opened workspace
   * @return the result to print, or null for none
   * @throws Exception an unexpected error (reported by the launcher)
   */
  abstract Object execute(WorkspaceService service) throws Exception;

  /** @return the exit status after a result was printed (0 unless the verb says otherwise) */
  int exitStatus(Object result) {
    return 0;
  }

  /** @return whether to start the background runner after this verb (most verbs do) */
  boolean startsRunner() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String server = common.serverUrl();
    try (WorkspaceService service =
        server != null
            ? new io.batchscore.service.remote.RemoteWorkspace(
                server, io.batchscore.service.remote.Credentials.token(System.getenv()))
            : WorkspaceService.open(common.workspaceDir(), common.database)) {
      Object result;
      try {
        result = execute(service);
      } finally {
        if (startsRunner()) {
          service.ensureRunner();
        }
      }
      out.print(OutputFormat.render(result, common.output, common.query));
      out.flush();
      return exitStatus(result);
    } catch (WorkspaceException e) {
      return fail(e.getMessage());
    } catch (UncheckedIOException e) {
      return fail(e.getMessage());
    }
  }

  int fail(String message) {
    spec.commandLine()
        .getErr()
        .println(
            "batchscore: "
                + spec.qualifiedName(" ").replaceFirst("^batchscore ", "")
                + ": "
                + message);
    spec.commandLine().getErr().flush();
    return ExitCodes.COULD_NOT_START;
  }

  /** @return the user running the CLI, recorded as who invoked, canceled or resumed a job */
  static String localSubject() {
    return "local:" + System.getProperty("user.name", "unknown");
  }

  /** Refuses a delete without {@code --yes}. */
  static void confirm(boolean yes, String what) {
    if (!yes) {
      throw WorkspaceException.badRequest("deleting " + what + " needs --yes");
    }
  }
}
