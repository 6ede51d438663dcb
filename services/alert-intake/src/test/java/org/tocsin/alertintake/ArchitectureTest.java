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
    noClasses().that().resideInAnyPackage("..rejection..", "..operator..", "..approval..")
        .or().haveSimpleNameStartingWith("AlertLifecycle")
        .or().haveSimpleName("Marking").or().haveSimpleName("PreparedTexts")
        .or().haveSimpleName("ContentHash").or().haveSimpleName("Approval")
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
  void onlyThePublisherAndTheCatalogueWriteToTheOutbox() {
    noClasses().that().doNotHaveSimpleName("AlertPublisher")
        .and().doNotHaveSimpleName("ZoneCatalogue")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.tocsin.outbox.Outbox")
        .because("every message of an alert is published in one place, after the rules that "
            + "decide whether it may go out")
        .check(CLASSES);
  }

  @Test
  void theApprovalRulesKnowNothingOfAlertsOrHttp() {
    noClasses().that().resideInAPackage("..approval..")
        .should().dependOnClassesThat().resideInAnyPackage("..alert..", "..security..",
            "..http..", "..zone..")
        .because("four eyes is a pure rule over persons, roles and the kind of change, so that "
            + "authorities can extend it")
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
