package io.batchscore.service.cli;

import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batchscore batch-endpoint create|show|list|update|delete|invoke|list-jobs}. */
@Command(
    name = "batch-endpoint",
    description = "Batch endpoints (az ml batch-endpoint).",
    subcommands = {
      EndpointCommands.Create.class,
      EndpointCommands.Show.class,
      EndpointCommands.ListAll.class,
      EndpointCommands.Update.class,
      EndpointCommands.Delete.class,
      EndpointCommands.Invoke.class,
      EndpointCommands.ListJobs.class
    })
final class EndpointCommands {

  @Command(name = "create", description = "Create a batch endpoint.")
  static final class Create extends Verb {
    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "endpoint.yml")
    Path file;

    @Option(names = {"-n", "--name"})
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      Map<String, Object> flags = new LinkedHashMap<>();
      flags.put("name", name);
      return s.createEndpoint(Specs.of(file, flags, set));
    }
  }

  @Command(
      name = "update",
      description = "Update a batch endpoint, e.g." + " --set defaults.deployment_name=blue.")
  static final class Update extends Verb {
    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE")
    Path file;

    @Option(names = {"-n", "--name"})
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      Map<String, Object> flags = new LinkedHashMap<>();
      flags.put("name", name);
      return s.updateEndpoint(Specs.of(file, flags, set));
    }
  }

  @Command(name = "show", description = "A batch endpoint, with its scoring_uri.")
  static final class Show extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Override
    Object execute(WorkspaceService s) {
      return s.showEndpoint(name);
    }
  }

  @Command(name = "list", description = "Every batch endpoint.")
  static final class ListAll extends Verb {
    @Override
    Object execute(WorkspaceService s) {
      return s.listEndpoints();
    }
  }

  @Command(
      name = "delete",
      description = "Delete an endpoint and its deployments (never its" + " jobs' outputs).")
  static final class Delete extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Option(names = {"-y", "--yes"})
    boolean yes;

    @Override
    Object execute(WorkspaceService s) {
      confirm(yes, "batch endpoint " + name);
      s.deleteEndpoint(name);
      return null;
    }
  }

  @Command(
      name = "invoke",
      description =
          "Queue a job on the endpoint and print it at once;" + " the job runs in the background.")
  static final class Invoke extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true,
        description = "The endpoint.")
    String name;

    @Option(
        names = {"-d", "--deployment-name"},
        description = "A deployment other than the" + " default.")
    String deployment;

    @Option(
        names = {"-i", "--input"},
        required = true,
        description =
            "A local path,"
                + " azureml:DATA:VERSION, azureml:DATA@latest, or"
                + " azureml://datastores/workspaceblobstore/paths/P.")
    String input;

    @Option(names = "--input-type", description = "uri_folder or uri_file.")
    String inputType;

    @Option(names = "--mini-batch-size")
    Integer miniBatchSize;

    @Option(names = "--instance-count")
    Integer instanceCount;

    @Option(
        names = "--output-path",
        description =
            "A folder (or azureml://datastores/"
                + "workspaceblobstore/paths/P) for the outputs instead of the job's own.")
    String outputPath;

    @Option(
        names = "--set",
        paramLabel = "KEY=VALUE",
        description = "A settings key for this" + " job, e.g. retry_settings.timeout=5.")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      return s.invoke(
          new InvokeRequest(
              name,
              deployment,
              input,
              inputType,
              miniBatchSize,
              instanceCount,
              outputPath,
              Specs.map(set, "--set"),
              Path.of("").toAbsolutePath()),
          localSubject());
    }
  }

  @Command(name = "list-jobs", description = "The endpoint's jobs.")
  static final class ListJobs extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Override
    Object execute(WorkspaceService s) {
      s.showEndpoint(name);
      return s.listJobs(name, null);
    }
  }

  private EndpointCommands() {}
}
