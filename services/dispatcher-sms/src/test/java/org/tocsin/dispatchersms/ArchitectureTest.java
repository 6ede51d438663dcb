package org.tocsin.dispatchersms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tocsin.dispatchersms",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule renderingIsFreeOfFrameworksAndTheProvider = noClasses()
      .that().resideInAPackage("..dispatchersms.rendering..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.twilio..",
          "org.apache.kafka..");

  @ArchTest
  static final ArchRule onlyTheTwilioAdapterAndCallbacksKnowTwilio = noClasses()
      .that().resideOutsideOfPackages("..dispatchersms.twilio..", "..dispatchersms.callback..",
          "..dispatchersms.config..")
      .should().dependOnClassesThat().resideInAPackage("com.twilio..");

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures = slices()
      .matching("org.tocsin.dispatchersms.(*)..").should().beFreeOfCycles();
}
