package io.batchscore.service.cli;

import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batchscore model create|list|show|archive}. */
@Command(
    name = "model",
    description = "Versioned models (az ml model).",
    subcommands = {
      ModelCommands.Create.class,
      ModelCommands.ListVersions.class,
      ModelCommands.Show.class,
      ModelCommands.Archive.class
    })
final class ModelCommands {

  @Command(
      name = "create",
      description =
          "Register a model version: copies its file or folder"
              + " into the workspace. Without a version, the next one.")
  static final class Create extends Verb {
    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "model.yml")
    Path file;

    @Option(
        names = {"-n", "--name"},
        description = "The model's name.")
    String name;

    @Option(
        names = {"-v", "--version"},
        description = "Its version (default: the next).")
    String version;

    @Option(
        names = {"-p", "--path"},
        description = "The file or folder to register.")
    String path;

    @Option(
        names = {"-t", "--type"},
        description = "custom_model (default), mlflow_model," + " triton_model.")
    String type;

    @Option(names = {"-d", "--description"})
    String description;

    @Option(names = "--tags", paramLabel = "KEY=VALUE", split = " ")
    Map<String, String> tags;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set any key of the YAML.")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      Map<String, Object> flags = new LinkedHashMap<>();
      flags.put("name", name);
      flags.put("version", version);
      flags.put("path", path);
      flags.put("type", type);
      flags.put("description", description);
      flags.put("tags", tags);
      return s.createModel(Specs.of(file, flags, set));
    }
  }

  @Command(
      name = "list",
      description = "The latest version of each model, or every version of" + " one (--name).")
  static final class ListVersions extends Verb {
    @Option(names = {"-n", "--name"})
    String name;

    @Option(names = "--include-archived")
    boolean includeArchived;

    @Override
    Object execute(WorkspaceService s) {
      return s.listModels(name, includeArchived);
    }
  }

  @Command(name = "show", description = "A model version (default: the latest).")
  static final class Show extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(names = {"-v", "--version"})
    String version;

    @Option(
        names = {"-l", "--label"},
        description = "latest")
    String label;

    @Override
    Object execute(WorkspaceService s) {
      return s.showModel(name, version);
    }
  }

  @Command(
      name = "archive",
      description = "Archive a model version (or all): refused while a" + " deployment uses it.")
  static final class Archive extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(names = {"-v", "--version"})
    String version;

    @Override
    Object execute(WorkspaceService s) {
      return s.archiveModel(name, version);
    }
  }

  private ModelCommands() {}
}
