package io.batchscore.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the core depends on itself through another: the data path reads one way. A slice
 * is a package with its subpackages, so the report's generated templates ({@code report.jte},
 * which render the report's view) count as the report.
 */
class PackageCyclesTest {

  @Test
  void noPackageCycle() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.batchscore.core");
    slices().matching("io.batchscore.core.(*)..").should().beFreeOfCycles().check(core);
  }
}
