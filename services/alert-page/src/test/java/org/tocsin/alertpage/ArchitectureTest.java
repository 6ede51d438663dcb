package org.tocsin.alertpage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tocsin.alertpage",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule whatReadersSeeIsPureCode = noClasses()
      .that().resideInAnyPackage("..alertpage.history..", "..alertpage.map..",
          "..alertpage.rendering..", "..alertpage.language..", "..alertpage.pages..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
          "org.apache.kafka..", "jakarta.servlet..")
      .because("pages are rendered and kept by plain code, tested without a server or a broker");

  @ArchTest
  static final ArchRule requestsNeverRender = noClasses()
      .that().resideInAPackage("..alertpage.web..")
      .should().dependOnClassesThat().resideInAnyPackage("..alertpage.map..",
          "..alertpage.history..", "gg.jte..")
      .orShould().dependOnClassesThat().haveSimpleName("Templates")
      .orShould().dependOnClassesThat().haveSimpleName("Prerenderer")
      .because("a request only looks up a page rendered before it came");

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures = slices()
      .matching("org.tocsin.alertpage.(*)..").should().beFreeOfCycles();
}
