package io.batchscore.core.cli;

import io.batchscore.core.deployment.DeploymentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code batchscore}: the launcher's top command; the work is in its subcommands. */
@Command(
    name = "batchscore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Embedded batch scoring: runs a Scorer over a folder of inputs the way a managed"
        + " batch endpoint does, on this machine.",
    subcommands = {RunCommand.class, CommandLine.HelpCommand.class})
public final class BatchScoreCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: try 'run'");
  }

  /**
   * Runs the launcher and exits with its status: 0 Completed, 1 Failed or Canceled, 2 could not
   * start.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the launcher without exiting.
   *
   * @param args the command line
   * @return the exit status
   */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new BatchScoreCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof DeploymentException) {
        commandLine.getErr().println("batchscore: " + e.getMessage());
        return ExitCodes.COULD_NOT_START;
      }
      commandLine.getErr().println("batchscore: internal error: " + e);
      e.printStackTrace(commandLine.getErr());
      return ExitCodes.FAILED;
    });
    cli.setParameterExceptionHandler((e, args1) -> {
      e.getCommandLine().getErr().println("batchscore: " + e.getMessage());
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return ExitCodes.COULD_NOT_START;
    });
    return cli.execute(args);
  }
}
