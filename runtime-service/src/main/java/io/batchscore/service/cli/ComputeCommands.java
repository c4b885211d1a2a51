package io.batchscore.service.cli;

import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batchscore compute create|list|show}. */
@Command(
    name = "compute",
    description =
        "Compute targets (az ml compute); amlcompute is this"
            + " machine, spark a Spark cluster (master: spark://HOST:7077, local[N], yarn, k8s://...).",
    subcommands = {
      ComputeCommands.Create.class,
      ComputeCommands.ListAll.class,
      ComputeCommands.Show.class
    })
final class ComputeCommands {

  @Command(name = "create", description = "Create (or replace) a compute.")
  static final class Create extends Verb {
    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "cluster-cpu.yml")
    Path file;

    @Option(names = {"-n", "--name"})
    String name;

    @Option(names = "--type", description = "amlcompute or spark")
    String type;

    @Option(names = "--master", description = "a spark compute's master URL")
    String master;

    @Option(names = "--size")
    String size;

    @Option(names = "--min-instances")
    Integer minInstances;

    @Option(names = "--max-instances")
    Integer maxInstances;

    @Option(names = "--set", paramLabel = "KEY=VALUE")
    List<String> set;

    @Override
    Object execute(WorkspaceService s) {
      Map<String, Object> flags = new LinkedHashMap<>();
      flags.put("name", name);
      flags.put("type", type);
      flags.put("master", master);
      flags.put("size", size);
      flags.put("min_instances", minInstances);
      flags.put("max_instances", maxInstances);
      return s.createCompute(Specs.of(file, flags, set));
    }
  }

  @Command(name = "list", description = "Every compute.")
  static final class ListAll extends Verb {
    @Override
    Object execute(WorkspaceService s) {
      return s.listComputes();
    }
  }

  @Command(name = "show", description = "A compute.")
  static final class Show extends Verb {
    @Option(
        names = {"-n", "--name"},
        required = true)
    String name;

    @Override
    Object execute(WorkspaceService s) {
      return s.showCompute(name);
    }
  }

  private ComputeCommands() {}
}
