package org.tocsin.dispatcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tocsin.dispatcher", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule targetingIsFreeOfFrameworksAndKafka = noClasses()
      .that().resideInAnyPackage("..dispatcher.directory..", "..dispatcher.area..",
          "..dispatcher.alert..", "..dispatcher.ledger..", "..dispatcher.rules..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
          "org.apache.kafka..");

  @ArchTest
  static final ArchRule featuresDoNotDependOnTheWiring = noClasses()
      .that().resideOutsideOfPackage("..dispatcher.autoconfigure..")
      .should().dependOnClassesThat().resideInAPackage("..dispatcher.autoconfigure..");

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures = slices()
      .matching("org.tocsin.dispatcher.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noCatchAllPackages = noClasses()
      .should().resideInAnyPackage("..common..", "..util..", "..utils..");
}
