package io.batchscore.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SPI a scorer compiles against depends on nothing but itself and the JDK. */
class ApiDependenciesTest {

  @Test
  void theApiDependsOnlyOnTheJdk() {
    JavaClasses api =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.batchscore.api");
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.batchscore.api..", "java..", "javax..")
        .check(api);
  }
}
