package io.batchscore.service.cli;

import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batchscore batch-deployment create|show|list|update|delete|list-jobs}. */
@Command(
    name = "batch-deployment",
    description = "Batch deployments (az ml" + " batch-deployment).",
    subcommands = {
      DeploymentCommands.Create.class,
      DeploymentCommands.Update.class,
      DeploymentCommands.Show.class,
      DeploymentCommands.ListAll.class,
      DeploymentCommands.Delete.class,
      DeploymentCommands.ListJobs.class
    })
final class DeploymentCommands {

  @Command(
      name = "create",
      description =
          "Create a deployment: resolves its model (e.g."
              + " azureml:NAME@latest), copies its code.")
  static final class Create extends Verb {
    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "deployment.yml")
    Path file;

    @Option(names = {"-n", "--name"})
    String name;

    @Option(names = {"-e", "--endpoint-name"})
    String endpoint;

    @Option(names = "--set-default", description = "Make it the endpoint's default.")
    boolean setDefault;

    @Option(names = "--set", paramLabel = "KEY=VALUE")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      return s.createDeployment(Specs.of(file, flags(name, endpoint), set), setDefault);
    }
  }

  @Command(
      name = "update",
      description =
          "Update a deployment, e.g."
              + " --set model=azureml:NAME@latest to move it to the latest model version.")
  static final class Update extends Verb {
    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE")
    Path file;

    @Option(names = {"-n", "--name"})
    String name;

    @Option(names = {"-e", "--endpoint-name"})
    String endpoint;

    @Option(names = "--set-default")
    boolean setDefault;

    @Option(names = "--set", paramLabel = "KEY=VALUE")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      return s.updateDeployment(Specs.of(file, flags(name, endpoint), set), setDefault);
    }
  }

  @Command(name = "show", description = "A deployment.")
  static final class Show extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(
        names = {"-e", "--endpoint-name"},
        required = true)
    String endpoint;

    @Override
    Object execute(WorkspaceService s) {
      return s.showDeployment(endpoint, name);
    }
  }

  @Command(name = "list", description = "An endpoint's deployments.")
  static final class ListAll extends Verb {
    @Option(
        names = {"-e", "--endpoint-name"},
        required = true)
    String endpoint;

    @Override
    Object execute(WorkspaceService s) {
      return s.listDeployments(endpoint);
    }
  }

  @Command(name = "delete", description = "Delete a deployment (not its jobs).")
  static final class Delete extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(
        names = {"-e", "--endpoint-name"},
        required = true)
    String endpoint;

    @Option(names = {"-y", "--yes"})
    boolean yes;

    @Override
    Object execute(WorkspaceService s) {
      confirm(yes, "batch deployment " + name);
      s.deleteDeployment(endpoint, name);
      return null;
    }
  }

  @Command(name = "list-jobs", description = "A deployment's jobs.")
  static final class ListJobs extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(
        names = {"-e", "--endpoint-name"},
        required = true)
    String endpoint;

    @Override
    Object execute(WorkspaceService s) {
      s.showDeployment(endpoint, name);
      return s.listJobs(endpoint, name);
    }
  }

  private static Map<String, Object> flags(String name, String endpoint) {
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("name", name);
    flags.put("endpoint_name", endpoint);
    return flags;
  }

  private DeploymentCommands() {}
}
