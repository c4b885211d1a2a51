package io.batchscore.service.cli;

import io.batchscore.core.cli.CommandPlugin;
import picocli.CommandLine;

/** Adds the workspace verbs to {@code batchscore} (found by {@link java.util.ServiceLoader}). */
public final class ServiceCommands implements CommandPlugin {

  @Override
  public void register(CommandLine top) {
    for (Class<?> group :
        new Class<?>[] {
          ModelCommands.class,
          DataCommands.class,
          ComputeCommands.class,
          EndpointCommands.class,
          DeploymentCommands.class,
          JobCommands.class,
          WorkspaceCommands.class
        }) {
      CommandLine cl = new CommandLine(group);
      top.addSubcommand(cl.getCommandName(), cl);
    }
  }
}
