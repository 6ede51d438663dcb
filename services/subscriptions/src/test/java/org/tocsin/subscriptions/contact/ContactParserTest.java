package org.tocsin.subscriptions.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tocsin.events.v1.Channel;
import org.tocsin.subscriptions.contact.InvalidContactException.Reason;

class ContactParserTest {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final String P256DH =
      "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
  private static final String AUTH = "tBHItJI5svbpez7KI4CCXg";

  private final ContactParser parser = new ContactParser(new ContactProperties("BE",
      List.of("BE", "NL", "FR", "DE", "LU", "GB"), List.of("fcm.googleapis.com",
      "notify.windows.com"), false));

  @ParameterizedTest
  @ValueSource(strings = {"0470 12 34 56", "+32 470 12 34 56", "0032470123456", "0470/12.34.56",
      "+32-470-123-456"})
  void normalisesBelgianMobileNumbersToE164(String typed) {
    MobileNumber number = parser.mobileNumber(typed);
    assertThat(number.e164()).isEqualTo("+32470123456");
    assertThat(number.region()).isEqualTo("BE");
    assertThat(number.block()).isEqualTo("+324701234");
  }

  @Test
  void acceptsMobileNumbersOfOtherServedCountries() {
    assertThat(parser.mobileNumber("+33 6 12 34 56 78").e164()).isEqualTo("+33612345678");
    assertThat(parser.mobileNumber("+31 6 12345678").region()).isEqualTo("NL");
    assertThat(parser.mobileNumber("+352 621 123 456").region()).isEqualTo("LU");
  }

  @Test
  void refusesLandlinesPremiumRateAndSpecialNumbersAndUnservedCountries() {
    assertReason(() -> parser.mobileNumber("+32 2 555 12 34"), Reason.NOT_MOBILE);
    assertReason(() -> parser.mobileNumber(example("BE", PhoneNumberType.PREMIUM_RATE)),
        Reason.PREMIUM_RATE);
    assertReason(() -> parser.mobileNumber(example("BE", PhoneNumberType.SHARED_COST)),
        Reason.PREMIUM_RATE);
    assertReason(() -> parser.mobileNumber(example("GB", PhoneNumberType.PERSONAL_NUMBER)),
        Reason.PREMIUM_RATE);
    assertReason(() -> parser.mobileNumber(example("FR", PhoneNumberType.UAN)),
        Reason.PREMIUM_RATE);
    assertReason(() -> parser.mobileNumber(example("BE", PhoneNumberType.TOLL_FREE)),
        Reason.NOT_MOBILE);
    assertReason(() -> parser.mobileNumber(example("IT", PhoneNumberType.MOBILE)),
        Reason.REGION_NOT_SERVED);
    assertReason(() -> parser.mobileNumber("+32 470 12"), Reason.INVALID_NUMBER);
    assertReason(() -> parser.mobileNumber("call me"), Reason.INVALID_NUMBER);
    assertReason(() -> parser.mobileNumber("+32 470 12 34 56".repeat(3)), Reason.INVALID_NUMBER);
  }

  @Test
  void normalisesEmailAddressesToLowerCaseWithAnAsciiDomain() {
    assertThat(parser.emailAddress("  Jan.Peeters@Example.BE ").address())
        .isEqualTo("jan.peeters@example.be");
    assertThat(parser.emailAddress("anna+alerts@müller.de").address())
        .isEqualTo("anna+alerts@xn--mller-kva.de");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "a@b", "@example.org", "a@", "a@@example.org",
      "a b@example.org", "a..b@example.org", "a.@example.org", "a@example..org",
      "a@-example.org", "a@example.org-", "a@[127.0.0.1]", "\"quoted\"@example.org",
      "a@example.c0m"})
  void refusesMalformedEmailAddresses(String address) {
    assertReason(() -> parser.emailAddress(address), Reason.INVALID_EMAIL);
  }

  @Test
  void acceptsHttpsEndpointsOfKnownPushServicesWithValidKeys() {
    PushSubscription push = parser.pushSubscription(
        "https://wns2-par02p.notify.windows.com/w/?token=abc", P256DH, AUTH);
    assertThat(push.channel()).isEqualTo(Channel.PUSH);
    assertThat(push.masked()).isEqualTo("https://wns2-par02p.notify.windows.com/…");
    assertThat(push.toString()).doesNotContain("token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://fcm.googleapis.com/fcm/send/x",
      "https://fcm.googleapis.com.attacker.example/x", "https://evilfcm.googleapis.com.example/x",
      "https://fcm.googleapis.com:8443/x", "https://user@fcm.googleapis.com/x",
      "https://10.0.0.1/x", "https://localhost/x", "not a url", "ftp://fcm.googleapis.com/x"})
  void refusesEndpointsOutsideTheKnownPushServices(String endpoint) {
    assertReason(() -> parser.pushSubscription(endpoint, P256DH, AUTH),
        Reason.INVALID_PUSH_ENDPOINT);
  }

  @Test
  void refusesLocalHttpPushServicesByDefaultAndAcceptsThemOnlyUnderTheTestSetting() {
    List<String> local = List.of("http://localhost:8090/notify/abc",
        "http://127.0.0.1:8098/push/abc");
    for (String endpoint : local) {
      assertReason(() -> parser.pushSubscription(endpoint, P256DH, AUTH),
          Reason.INVALID_PUSH_ENDPOINT);
    }
    ContactParser forTests = new ContactParser(new ContactProperties("BE", List.of("BE"),
        List.of("fcm.googleapis.com"), true));
    for (String endpoint : local) {
      assertThat(forTests.pushSubscription(endpoint, P256DH, AUTH).address()).isEqualTo(endpoint);
    }
    assertReason(() -> forTests.pushSubscription("http://10.0.0.7:8090/notify/abc", P256DH,
        AUTH), Reason.INVALID_PUSH_ENDPOINT);
    assertReason(() -> forTests.pushSubscription("http://push.example.org/notify/abc", P256DH,
        AUTH), Reason.INVALID_PUSH_ENDPOINT);
    ContactParser dockerTests = new ContactParser(new ContactProperties("BE", List.of("BE"),
        List.of("fcm.googleapis.com", "push-fake"), true));
    assertThat(dockerTests.pushSubscription("http://push-fake:8098/push/abc", P256DH, AUTH)
        .address()).isEqualTo("http://push-fake:8098/push/abc");
    ContactParser production = new ContactParser(new ContactProperties("BE", List.of("BE"),
        List.of("fcm.googleapis.com", "push-fake"), false));
    assertReason(() -> production.pushSubscription("http://push-fake:8098/push/abc", P256DH,
        AUTH), Reason.INVALID_PUSH_ENDPOINT);
  }

  @Test
  void refusesPushKeysOfTheWrongShape() {
    String endpoint = "https://fcm.googleapis.com/fcm/send/abc";
    assertReason(() -> parser.pushSubscription(endpoint, null, AUTH), Reason.INVALID_PUSH_KEYS);
    assertReason(() -> parser.pushSubscription(endpoint, AUTH, AUTH), Reason.INVALID_PUSH_KEYS);
    assertReason(() -> parser.pushSubscription(endpoint, P256DH, P256DH),
        Reason.INVALID_PUSH_KEYS);
    assertReason(() -> parser.pushSubscription(endpoint, "ünicode", AUTH),
        Reason.INVALID_PUSH_KEYS);
  }

  @Test
  void neverShowsAnAddressInClearInItsDescription() {
    assertThat(parser.mobileNumber("+32470123456").toString()).doesNotContain("470123456")
        .contains("…56");
    assertThat(parser.emailAddress("jan.peeters@example.be").toString())
        .doesNotContain("jan.peeters").contains("example.be");
  }

  private static String example(String region, PhoneNumberType type) {
    return PHONES.format(PHONES.getExampleNumberForType(region, type), PhoneNumberFormat.E164);
  }

  private static void assertReason(Runnable parse, Reason reason) {
    assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidContactException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
