package org.tocsin.subscriptions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/** The package rules of the subscriptions service. */
@AnalyzeClasses(packages = "org.tocsin.subscriptions",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCycles =
      slices().matching("org.tocsin.subscriptions.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noCatchAllPackages = noClasses().should()
      .resideInAnyPackage("..common..", "..util..", "..utils..", "..helper..", "..helpers..",
          "..misc..");

  @ArchTest
  static final ArchRule eventsLeaveOnlyThroughTheOutbox = noClasses().should()
      .dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients.producer..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName(
          "org.springframework.kafka.core.KafkaTemplate")
      .because("every event is written to the outbox in the transaction of its change");

  @ArchTest
  static final ArchRule noSecondPathToProviders = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("com.twilio..", "jakarta.mail..", "org.springframework.mail..",
          "nl.martijndwars..")
      .because("verification messages reach contacts only as delivery tasks of the dispatchers");

  @ArchTest
  static final ArchRule onlyPublicationAndCodesWriteToTheOutbox = noClasses().that()
      .doNotHaveSimpleName("SubscriberPublication").and()
      .doNotHaveSimpleName("VerificationCodes")
      .should().dependOnClassesThat().haveFullyQualifiedName("org.tocsin.outbox.Outbox");

  @ArchTest
  static final ArchRule featuresDoNotDependOnTheWebLayer = noClasses().that()
      .resideOutsideOfPackage("..web..").should().dependOnClassesThat()
      .resideInAPackage("org.tocsin.subscriptions.web..");

  @ArchTest
  static final ArchRule theZoneCatalogueKnowsNothingOfSubscribers = noClasses().that()
      .resideInAPackage("..zone..").should().dependOnClassesThat()
      .resideInAPackage("org.tocsin.subscriptions.subscriber..");

  @ArchTest
  static final ArchRule controllersDoNotTouchTheDatabase = noClasses().that()
      .areAnnotatedWith(RestController.class).should().dependOnClassesThat()
      .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

  @ArchTest
  static final ArchRule contactsAreFreeOfWebAndPersistence = noClasses().that()
      .resideInAPackage("..contact..").should().dependOnClassesThat()
      .resideInAnyPackage("org.springframework.web..", "org.springframework.jdbc..",
          "jakarta.servlet..", "java.sql..");
}
