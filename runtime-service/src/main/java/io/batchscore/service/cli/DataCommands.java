package io.batchscore.service.cli;

import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batchscore data create|list|show}. */
@Command(
    name = "data",
    description = "Versioned data assets (az ml data).",
    subcommands = {
      DataCommands.Create.class,
      DataCommands.ListVersions.class,
      DataCommands.Show.class
    })
final class DataCommands {

  @Command(
      name = "create",
      description =
          "Create a data asset version: copies a local path"
              + " into the workspace, or links it in place (--link).")
  static final class Create extends Verb {
    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "dataset.yml")
    Path file;

    @Option(names = {"-n", "--name"})
    String name;

    @Option(names = {"-v", "--version"})
    String version;

    @Option(names = {"-p", "--path"})
    String path;

    @Option(
        names = {"-t", "--type"},
        description = "uri_folder or uri_file.")
    String type;

    @Option(names = {"-d", "--description"})
    String description;

    @Option(
        names = "--link",
        description =
            "Reference the path in place (large data); its"
                + " listing digest is recorded and a change is reported.")
    boolean link;

    @Option(names = "--set", paramLabel = "KEY=VALUE")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      Map<String, Object> flags = new LinkedHashMap<>();
      flags.put("name", name);
      flags.put("version", version);
      flags.put("path", path);
      flags.put("type", type);
      flags.put("description", description);
      return s.createData(Specs.of(file, flags, set), link);
    }
  }

  @Command(
      name = "list",
      description = "The latest version of each asset, or every version of" + " one (--name).")
  static final class ListVersions extends Verb {
    @Option(names = {"-n", "--name"})
    String name;

    @Override
    Object execute(WorkspaceService s) {
      return s.listData(name);
    }
  }

  @Command(name = "show", description = "A data asset version (default: the latest).")
  static final class Show extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(names = {"-v", "--version"})
    String version;

    @Option(names = {"-l", "--label"})
    String label;

    @Override
    Object execute(WorkspaceService s) {
      return s.showData(name, version);
    }
  }

  private DataCommands() {}
}
