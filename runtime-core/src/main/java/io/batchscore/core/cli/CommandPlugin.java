package io.batchscore.core.cli;

import picocli.CommandLine;

/**
 * Adds subcommands to the {@code batchscore} launcher from a module on its class path (the
 * workspace verbs of {@code runtime-service}, for example), found with {@link
 * java.util.ServiceLoader}. The launcher's own {@code run} and {@code help} come first; a plugin
 * must not replace them.
 */
public interface CommandPlugin {

  /**
   * Adds this plugin's subcommands to the launcher's top command.
   *
   * @param top the {@code batchscore} command line
   */
  void register(CommandLine top);
}
