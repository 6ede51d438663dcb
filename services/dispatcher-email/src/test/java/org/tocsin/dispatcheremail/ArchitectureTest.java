package org.tocsin.dispatcheremail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tocsin.dispatcheremail",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule renderingIsFreeOfFrameworksAndMail = noClasses()
      .that().resideInAPackage("..dispatcheremail.rendering..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.mail..",
          "org.eclipse.angus..", "org.apache.kafka..");

  @ArchTest
  static final ArchRule onlyTheSmtpAdapterAndItsConfigurationKnowMail = noClasses()
      .that().resideOutsideOfPackages("..dispatcheremail.smtp..", "..dispatcheremail.config..")
      .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..",
          "org.springframework.mail..");

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures = slices()
      .matching("org.tocsin.dispatcheremail.(*)..").should().beFreeOfCycles();
}
