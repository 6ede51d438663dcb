package org.tocsin.alertintake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of alert-intake. */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.tocsin.alertintake");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("org.tocsin.alertintake.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theDomainIsFreeOfTheFramework() {
    noClasses().that().resideInAnyPackage("..rejection..", "..operator..")
        .or().haveSimpleNameStartingWith("AlertLifecycle")
        .or().haveSimpleName("Marking").or().haveSimpleName("CancelTexts")
        .or().haveSimpleName("AlertContentRules").or().haveSimpleName("AlertContent")
        .or().haveSimpleName("Alert").or().haveSimpleName("AlertVersion")
        .or().resideInAPackage("..geometry..").and().haveSimpleNameNotEndingWith("Properties")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
            "jakarta.servlet..", "java.sql..")
        .check(CLASSES);
  }

  @Test
  void controllersGoThroughTheServicesNotTheRepositories() {
    noClasses().that().haveSimpleNameEndingWith("Controller")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
        .orShould().dependOnClassesThat().haveSimpleName("JdbcClient")
        .check(CLASSES);
  }

  @Test
  void onlyServicesWriteToTheOutbox() {
    noClasses().that().haveSimpleNameNotEndingWith("Service")
        .and().doNotHaveSimpleName("ZoneCatalogue")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.tocsin.outbox.Outbox")
        .check(CLASSES);
  }

  @Test
  void onlyTheHttpEdgeKnowsAboutHttpStatuses() {
    noClasses().that().resideOutsideOfPackages("..http..", "..security..")
        .and().haveSimpleNameNotEndingWith("Controller")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.HttpStatus")
        .check(CLASSES);
  }

  @Test
  void thereIsNoCatchAllPackageAndNoTestSupportInProduction() {
    noClasses().should().resideInAnyPackage("..common..", "..util..", "..utils..", "..helper..")
        .check(CLASSES);
    noClasses().should().dependOnClassesThat().resideInAPackage("org.tocsin.testing..")
        .check(CLASSES);
  }
}
