package io.batchscore.service;

import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the service depends on itself through another. A slice is a package with its
 * subpackages, so the studio's generated templates ({@code studio.jte}) count as the studio.
 */
class PackageCyclesTest {

  private static final String SERVICE = "io\\.batchscore\\.service\\.";

  @Test
  void noPackageCycle() {
    JavaClasses service =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.batchscore.service");
    slices()
        .matching("io.batchscore.service.(*)..")
        .should()
        .beFreeOfCycles()
        // KNOWN CYCLES, to remove by moving the classes named, then deleting these lines:
        // api -> workspace: the WorkspaceService interface's factory names its implementation
        .ignoreDependency(
            nameMatching(SERVICE + "api\\.WorkspaceService(\\$.*)?"),
            nameMatching(SERVICE + "workspace\\.LocalWorkspaceService(\\$.*)?"))
        // workspace -> jobs: the facade's implementation lives in workspace and drives jobs
        .ignoreDependency(
            nameMatching(SERVICE + "workspace\\.LocalWorkspaceService(\\$.*)?"),
            nameStartingWith("io.batchscore.service.jobs."))
        // http -> studio: the server names the studio's routes
        .ignoreDependency(
            nameMatching(SERVICE + "http\\.WorkspaceApi(\\$.*)?"),
            nameStartingWith("io.batchscore.service.studio."))
        .check(service);
  }
}
