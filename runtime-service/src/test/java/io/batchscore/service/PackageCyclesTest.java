package io.batchscore.service;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** No package of the service depends on itself through another. */
class PackageCyclesTest {

  @Test
  void noPackageCycle() {
    JavaClasses service = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.batchscore.service");
    slices().matching("io.batchscore.service.(**)").should().beFreeOfCycles().check(service);
  }
}
