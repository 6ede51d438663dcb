package org.tocsin.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.systemtest.SubscriptionsApi.Place;
import org.tocsin.systemtest.SubscriptionsApi.Registration;

/**
 * Tocsin on docker-compose, end to end: the stack built from this repository comes up, citizens
 * register and verify their contacts with the codes that reached them, operators log in to
 * Keycloak from outside the compose network and issue alerts through alert-intake, and the
 * messages arrive at the Twilio fake and the SMTP catcher for exactly the people inside the area.
 *
 * <p>The SMS and the e-mail paths are separate tests, so that one failing does not hide the
 * other. Each registers its own citizens in an area of its own (Brussels for SMS, Ghent for
 * e-mail) and counts only what its own alert caused.
 */
class DockerStackIT {

  /** Longest wait for a code or an alert to arrive (minutes only on a very busy machine). */
  private static final Duration DELIVERY = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6,10})\\b");

  private static final List<List<Double>> BRUSSELS_CENTRE = rectangle(4.32, 50.82, 4.40, 50.88);
  private static final Place GRAND_PLACE = new Place("Grand-Place", 50.8467, 4.3525);
  private static final Place SABLON = new Place("Sablon", 50.8400, 4.3560);
  private static final Place ANTWERP = new Place("Antwerpen", 51.2194, 4.4025);

  private static final List<List<Double>> GHENT_CENTRE = rectangle(3.68, 51.02, 3.78, 51.08);
  private static final Place KORENMARKT = new Place("Korenmarkt", 51.0543, 3.7217);
  private static final Place LIEGE = new Place("Liège", 50.6326, 5.5797);

  private static final List<List<Double>> NAMUR_CENTRE = rectangle(4.84, 50.45, 4.89, 50.48);
  private static final Place PLACE_D_ARMES = new Place("Place d'Armes", 50.4633, 4.8672);

  private static final JsonHttp http = new JsonHttp();
  private static ComposeStack stack;
  private static KeycloakTokens keycloak;
  private static SubscriptionsApi subscriptions;
  private static AlertIntakeApi alertIntake;

  @BeforeAll
  static void startStack() {
    stack = ComposeStack.start();
    keycloak = new KeycloakTokens(http, stack.url("TOCSIN_KEYCLOAK_PORT"));
    subscriptions = new SubscriptionsApi(http, stack.url("TOCSIN_SUBSCRIPTIONS_PORT"));
    alertIntake = new AlertIntakeApi(http, stack.url("TOCSIN_ALERT_INTAKE_PORT"));
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void tokensFromKeycloakOutsideTheNetworkAreCheckedByIssuerAudienceAndRealmRoles() {
    String auditor = keycloak.accessToken("auditor");
    // Asked for at 127.0.0.1, the token still names the issuer alert-intake trusts.
    String viaLoopback = new KeycloakTokens(http,
        stack.url("TOCSIN_KEYCLOAK_PORT").replace("localhost", "127.0.0.1"))
        .accessToken("operator");

    assertThat(KeycloakTokens.claims(auditor).path("iss").asString())
        .isEqualTo(keycloak.issuer());
    assertThat(KeycloakTokens.claims(viaLoopback).path("iss").asString())
        .isEqualTo(keycloak.issuer());
    assertThat(KeycloakTokens.claims(auditor).path("aud").toString())
        .as("the realm's audience mapper names alert-intake's audience").contains("tocsin-api");
    assertThat(alertIntake.list(auditor).status()).isEqualTo(200);
    assertThat(alertIntake.list(viaLoopback).status()).isEqualTo(200);
    assertThat(alertIntake.draft(auditor, AlertIntakeApi.alert("EXERCISE", "MINOR",
        "Refused", BRUSSELS_CENTRE)).status()).as("an auditor drafts no alert").isEqualTo(403);
    assertThat(alertIntake.list(null).status()).isEqualTo(401);
    assertThat(alertIntake.list(auditor + "x").status()).as("a forged signature").isEqualTo(401);
  }

  @Test
  void actualAlertApprovedByASecondPersonReachesTheVerifiedNumbersInsideItsAreaInTheirLanguage() {
    assertThat(stack.runs("dispatcher-sms"))
        .withFailMessage("dispatcher-sms is not part of the stack: %s",
            stack.whyNotRunning("dispatcher-sms"))
        .isTrue();
    SmsInbox sms = new SmsInbox(http, stack.url("TOCSIN_TWILIO_FAKE_PORT"));
    DispatcherMetrics dispatcher =
        new DispatcherMetrics(http, stack.url("TOCSIN_DISPATCHER_SMS_PORT"));
    Function<String, List<String>> smsTexts =
        number -> sms.to(number).stream().map(SmsInbox.Sms::body).toList();

    Registration dutch = registerAndVerify("nl", "SMS", "+32470111201", GRAND_PLACE, smsTexts);
    Registration french = registerAndVerify("fr", "SMS", "+32471222302", SABLON, smsTexts);
    Registration outside = registerAndVerify("en", "SMS", "+32472333403", ANTWERP, smsTexts);
    Registration unverified = subscriptions.register("de", "SMS", "+32473444504", GRAND_PLACE);
    await().atMost(DELIVERY).pollInterval(POLL)
        .until(() -> smsTexts.apply(unverified.address()).size() == 1);
    await().atMost(DELIVERY).pollInterval(POLL)
        .until(() -> dispatcher.directorySubscribers() >= 3);
    long targetedBefore = dispatcher.targeted();

    String text = "Tocsin system test SMS";
    JsonHttp.Response draft = alertIntake.draft(keycloak.accessToken("operator"),
        AlertIntakeApi.alert("ACTUAL", "SEVERE", text, BRUSSELS_CENTRE));
    assertThat(draft.status()).as("draft %s", draft).isEqualTo(201);
    String alertId = draft.json().path("id").asString();
    JsonHttp.Response issued = alertIntake.issue(keycloak.accessToken("operator"), alertId);
    assertThat(issued.status()).as("an ACTUAL alert awaits approval: %s", issued).isEqualTo(202);
    JsonHttp.Response approved = alertIntake.approve(keycloak.accessToken("approver"), alertId,
        issued.json().path("pendingApproval").path("contentHash").asString());
    assertThat(approved.status()).as("approval %s", approved).isEqualTo(200);

    await().atMost(DELIVERY).pollInterval(POLL).untilAsserted(() -> {
      assertThat(smsTexts.apply(dutch.address())).anyMatch(body -> body.contains(text + " nl"));
      assertThat(smsTexts.apply(french.address())).anyMatch(body -> body.contains(text + " fr"));
    });
    await().atMost(DELIVERY).pollInterval(POLL)
        .untilAsserted(() -> assertThat(dispatcher.targeted() - targetedBefore)
            .as("recipients the fan-out of the alert targeted").isEqualTo(2));
    assertThat(smsTexts.apply(dutch.address())).filteredOn(body -> body.contains(text))
        .as("one SMS per person").hasSize(1);
    assertThat(smsTexts.apply(french.address())).filteredOn(body -> body.contains(text))
        .hasSize(1);
    assertThat(smsTexts.apply(outside.address())).as("outside the area: the code alone")
        .hasSize(1).noneMatch(body -> body.contains(text));
    assertThat(smsTexts.apply(unverified.address())).as("never verified: the code alone")
        .hasSize(1).noneMatch(body -> body.contains(text));
  }

  @Test
  void exerciseReachesTheVerifiedAddressesInsideItsAreaMarkedAsAnExerciseWithALinkToItsPage() {
    assertThat(stack.runs("dispatcher-email"))
        .withFailMessage("dispatcher-email is not part of the stack: %s",
            stack.whyNotRunning("dispatcher-email"))
        .isTrue();
    assertThat(stack.runs("alert-page"))
        .withFailMessage("alert-page is not part of the stack: %s",
            stack.whyNotRunning("alert-page"))
        .isTrue();
    MailCatcher mail = MailCatcher.at(http, stack.url("TOCSIN_MAIL_UI_PORT"));
    DispatcherMetrics dispatcher =
        new DispatcherMetrics(http, stack.url("TOCSIN_DISPATCHER_EMAIL_PORT"));
    Function<String, List<String>> mailTexts = address -> mail.to(address).stream()
        .map(m -> m.subject() + "\n" + m.text()).toList();

    Registration inside =
        registerAndVerify("en", "EMAIL", "ghent.inside@tocsin.example", KORENMARKT, mailTexts);
    Registration outside =
        registerAndVerify("fr", "EMAIL", "liege.outside@tocsin.example", LIEGE, mailTexts);
    await().atMost(DELIVERY).pollInterval(POLL)
        .until(() -> dispatcher.directorySubscribers() >= 2);
    long targetedBefore = dispatcher.targeted();

    String text = "Tocsin system test mail";
    JsonHttp.Response draft = alertIntake.draft(keycloak.accessToken("operator"),
        AlertIntakeApi.alert("EXERCISE", "MODERATE", text, GHENT_CENTRE));
    assertThat(draft.status()).as("draft %s", draft).isEqualTo(201);
    String alertId = draft.json().path("id").asString();
    JsonHttp.Response issued = alertIntake.issue(keycloak.accessToken("operator"), alertId);
    assertThat(issued.status()).as("an exercise is published at once: %s", issued)
        .isEqualTo(200);

    await().atMost(DELIVERY).pollInterval(POLL).untilAsserted(() ->
        assertThat(mailTexts.apply(inside.address()))
            .anyMatch(mailText -> mailText.contains(text + " en")));
    await().atMost(DELIVERY).pollInterval(POLL)
        .untilAsserted(() -> assertThat(dispatcher.targeted() - targetedBefore)
            .as("recipients the fan-out of the alert targeted").isEqualTo(1));
    assertThat(mailTexts.apply(inside.address())).filteredOn(mailText -> mailText.contains(text))
        .as("one mail per person, marked as an exercise")
        .singleElement().satisfies(mailText -> assertThat(mailText).contains("EXERCISE"));
    String page = stack.url("TOCSIN_ALERT_PAGE_PORT") + "/alerts/" + alertId + "?lang=en";
    assertThat(mailTexts.apply(inside.address())).filteredOn(mailText -> mailText.contains(text))
        .as("the mail links to the alert's public page").singleElement()
        .satisfies(mailText -> assertThat(mailText).contains(page));
    await().atMost(DELIVERY).pollInterval(POLL).untilAsserted(() -> {
      JsonHttp.Response shown = http.get(page, null);
      assertThat(shown.status()).as("the alert page %s", page).isEqualTo(200);
      assertThat(shown.body()).contains(text + " en");
    });
    assertThat(mailTexts.apply(outside.address())).as("outside the area: the code alone")
        .hasSize(1).noneMatch(mailText -> mailText.contains(text));
  }

  @Test
  void alertReachesABrowserSubscribedWithTheStacksVapidKeyAsOneEncryptedPush() {
    assertThat(stack.runs("dispatcher-push"))
        .withFailMessage("dispatcher-push is not part of the stack: %s",
            stack.whyNotRunning("dispatcher-push"))
        .isTrue();
    String vapidPublicKey = subscriptions.vapidPublicKey();
    assertThat(vapidPublicKey).as("the citizen page offers push with the key the stack made")
        .isNotBlank();
    PushInbox pushes = new PushInbox(http, stack.url("TOCSIN_PUSH_FAKE_PORT"));
    DispatcherMetrics dispatcher =
        new DispatcherMetrics(http, stack.url("TOCSIN_DISPATCHER_PUSH_PORT"));
    // The fake accepts a push only when its VAPID signature is by this key's private half and
    // decrypts it with the subscription's keys, as a browser's push service and browser would.
    PushInbox.Subscription browser = pushes.subscribe(vapidPublicKey);
    Function<String, List<String>> notifications = endpoint -> pushes.payloads(browser)
        .stream().map(JsonHttp.JSON::readTree)
        .map(shown -> shown.path("title").asString() + "\n" + shown.path("body").asString())
        .toList();

    Registration citizen = verifyWithTheCodeReceived(
        subscriptions.registerPush("fr", browser, PLACE_D_ARMES), "PUSH", notifications);
    await().atMost(DELIVERY).pollInterval(POLL)
        .until(() -> dispatcher.directorySubscribers() >= 1);
    long targetedBefore = dispatcher.targeted();

    String text = "Tocsin system test push";
    JsonHttp.Response draft = alertIntake.draft(keycloak.accessToken("operator"),
        AlertIntakeApi.alert("EXERCISE", "MODERATE", text, NAMUR_CENTRE));
    assertThat(draft.status()).as("draft %s", draft).isEqualTo(201);
    JsonHttp.Response issued = alertIntake.issue(keycloak.accessToken("operator"),
        draft.json().path("id").asString());
    assertThat(issued.status()).as("an exercise is published at once: %s", issued)
        .isEqualTo(200);

    await().atMost(DELIVERY).pollInterval(POLL).untilAsserted(() ->
        assertThat(notifications.apply(citizen.address()))
            .anyMatch(shown -> shown.contains(text + " fr")));
    await().atMost(DELIVERY).pollInterval(POLL)
        .untilAsserted(() -> assertThat(dispatcher.targeted() - targetedBefore)
            .as("recipients the fan-out of the alert targeted").isEqualTo(1));
    assertThat(notifications.apply(citizen.address()))
        .filteredOn(shown -> shown.contains(text)).as("one push per browser").hasSize(1);
  }

  /**
   * Registers one contact for one place and verifies it with the code that reached it, as read
   * by {@code received} (the texts delivered to an address).
   */
  private static Registration registerAndVerify(String language, String channel, String address,
                                                Place place,
                                                Function<String, List<String>> received) {
    return verifyWithTheCodeReceived(subscriptions.register(language, channel, address, place),
        channel, received);
  }

  private static Registration verifyWithTheCodeReceived(Registration registration,
                                                        String channel,
                                                        Function<String, List<String>> received) {
    String code = await().atMost(DELIVERY).pollInterval(POLL)
        .until(() -> received.apply(registration.address()).stream()
            .map(DockerStackIT::code).filter(Objects::nonNull).findFirst().orElse(null),
            Objects::nonNull);
    assertThat(subscriptions.verify(registration, code)).as("verification of %s", channel)
        .isEqualTo(200);
    return registration;
  }

  private static String code(String text) {
    Matcher matcher = CODE.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** A closed rectangle ring, [longitude, latitude] pairs as GeoJSON has them. */
  private static List<List<Double>> rectangle(double west, double south, double east,
                                              double north) {
    return List.of(List.of(west, south), List.of(east, south), List.of(east, north),
        List.of(west, north), List.of(west, south));
  }
}
