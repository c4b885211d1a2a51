package io.batchscore.service.http;

import io.batchscore.core.cli.CommandPlugin;
import io.batchscore.service.auth.TokenCommand;
import picocli.CommandLine;

/** Adds {@code serve} and {@code token} to the {@code batchscore} launcher. */
public final class RestCommands implements CommandPlugin {

  @Override
  public void register(CommandLine top) {
    top.addSubcommand("serve", new CommandLine(new ServeCommand()));
    top.addSubcommand("token", new CommandLine(new TokenCommand()));
  }
}
