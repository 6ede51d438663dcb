package org.tocsin.kafka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tocsin.kafka", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule clientsWorkersAndIdentityAreFreeOfSpringBoot = noClasses()
      .that().resideInAnyPackage("..kafka.clients..", "..kafka.worker..", "..kafka.identity..",
          "..kafka.quarantine..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot..")
      .because("services and tests use them without a Spring context");

  @ArchTest
  static final ArchRule nothingDependsOnTheWiring = noClasses()
      .that().resideOutsideOfPackage("..kafka.autoconfigure..")
      .should().dependOnClassesThat().resideInAPackage("..kafka.autoconfigure..")
      .because("the auto-configuration only assembles the parts");

  @ArchTest
  static final ArchRule noCyclesBetweenParts = slices()
      .matching("org.tocsin.kafka.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noCatchAllPackages = noClasses()
      .should().resideInAnyPackage("..common..", "..util..", "..utils..");
}
