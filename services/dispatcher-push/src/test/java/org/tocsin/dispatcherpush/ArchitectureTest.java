package org.tocsin.dispatcherpush;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tocsin.dispatcherpush",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule renderingIsFreeOfFrameworksAndTheProtocol = noClasses()
      .that().resideInAPackage("..dispatcherpush.rendering..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
          "com.zerodeplibs..", "org.apache.kafka..", "java.net.http..")
      .because("what a citizen reads is pure code, tested without a push service");

  @ArchTest
  static final ArchRule theProtocolKnowsNoKafka = noClasses()
      .that().resideInAPackage("..dispatcherpush.webpush..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
          "org.apache.kafka..")
      .because("the gateway reports gone subscriptions through GoneContacts, not to a topic");

  @ArchTest
  static final ArchRule onlyTheProtocolAndTheKeysKnowTheWebPushLibrary = noClasses()
      .that().resideOutsideOfPackages("..dispatcherpush.webpush..", "..dispatcherpush.vapid..")
      .should().dependOnClassesThat().resideInAPackage("com.zerodeplibs..")
      .because("the library could be replaced behind the gateway");

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures = slices()
      .matching("org.tocsin.dispatcherpush.(*)..").should().beFreeOfCycles();
}
