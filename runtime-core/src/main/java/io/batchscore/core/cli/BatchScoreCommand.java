package io.batchscore.core.cli;

import io.batchscore.core.deployment.DeploymentException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code batchscore}: the launcher's top command; the work is in its subcommands ({@code run},
 * {@code help}).
 *
 * <p>The commands use picocli's programmatic model, not its annotations: reading annotations makes
 * the JVM generate a proxy class per annotation type at every start (benchmarks/README.md, note
 * 10, measures what that costs a launch).
 */
public final class BatchScoreCommand implements Callable<Integer> {

  private final CommandSpec spec;

  private BatchScoreCommand() {
    spec =
        CommandSpec.wrapWithoutInspection(this)
            .name("batchscore")
            .versionProvider(new VersionProvider());
    spec.usageMessage()
        .description(
            "Embedded batch scoring: runs a Scorer over a folder of"
                + " inputs the way a managed batch endpoint does, on this machine.");
    addStandardHelpOptions(spec);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: try 'run'");
  }

  /**
   * Adds {@code -h/--help} and {@code -V/--version}, as picocli's {@code
   * mixinStandardHelpOptions} does.
   */
  static void addStandardHelpOptions(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
  }

  /**
   * @return the launcher's command line: {@code batchscore} with {@code run}, {@code help} and the
   *     subcommands of every {@link CommandPlugin} on the class path
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BatchScoreCommand().spec);
    CommandSpec run = RunCommand.spec();
    cli.addSubcommand("run", new CommandLine(run));
    cli.addSubcommand("help", new CommandLine(new Help(cli).spec));
    for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
      plugin.register(cli);
    }
    return cli;
  }

  /** {@code batchscore help [COMMAND]}: prints a command's usage. */
  private static final class Help implements Callable<Integer> {
    private final CommandLine top;
    private final CommandSpec spec;

    Help(CommandLine top) {
      this.top = top;
      spec = CommandSpec.wrapWithoutInspection(this).name("help").helpCommand(true);
      spec.usageMessage().description("Display help information about the specified command.");
      spec.addOption(
          OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
      spec.addPositional(
          PositionalParamSpec.builder()
              .paramLabel("COMMAND")
              .arity("0..1")
              .type(String.class)
              .description("The command to describe.")
              .build());
    }

    @Override
    public Integer call() {
      List<String> named = spec.positionalParameters().get(0).stringValues();
      CommandLine target = named.isEmpty() ? top : top.getSubcommands().get(named.get(0));
      if (target == null) {
        throw new ParameterException(
            spec.commandLine(), "Unknown subcommand '" + named.get(0) + "'.");
      }
      target.usage(spec.commandLine().getOut());
      return 0;
    }
  }

  /**
   * Runs the launcher and exits with its status: 0 Completed, 1 Failed, 2 could not start, 130 or
   * 143 Canceled by SIGINT or SIGTERM.
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
    CommandLine cli = commandLine();
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof DeploymentException) {
            commandLine.getErr().println("batchscore: " + e.getMessage());
            return ExitCodes.COULD_NOT_START;
          }
          commandLine.getErr().println("batchscore: internal error: " + e);
          e.printStackTrace(commandLine.getErr());
          return ExitCodes.FAILED;
        });
    cli.setParameterExceptionHandler(
        (e, args1) -> {
          e.getCommandLine().getErr().println("batchscore: " + e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return ExitCodes.COULD_NOT_START;
        });
    return cli.execute(args);
  }
}
