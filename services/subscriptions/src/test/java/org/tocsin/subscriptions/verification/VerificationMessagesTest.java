package org.tocsin.subscriptions.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerificationMessagesTest {

  /** The GSM 03.38 basic character set: anything else turns an SMS into 70-character UCS-2. */
  private static final String GSM_7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./"
      + "0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  private final VerificationMessages messages =
      new VerificationMessages(URI.create("https://alert.example.be/"));

  @ParameterizedTest
  @CsvSource({"nl,VERIFY", "fr,VERIFY", "de,VERIFY", "en,VERIFY", "nl,MANAGE", "fr,MANAGE",
      "de,MANAGE", "en,MANAGE"})
  void theShortTextFitsOneSmsAndCarriesTheCode(String language, CodePurpose purpose) {
    String text = messages.shortText(purpose, language, "048213", 10);
    assertThat(text).contains("048213").contains("10").startsWith("Tocsin");
    assertThat(text.length()).isLessThanOrEqualTo(160);
    assertThat(text.chars().filter(character -> GSM_7.indexOf(character) < 0)
        .mapToObj(Character::toString).toList()).as("characters outside GSM 7-bit").isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"nl", "fr", "de", "en"})
  void theFullTextOfAVerificationCarriesTheCodeAndALinkThatConfirmsIt(String language) {
    UUID contact = UUID.randomUUID();
    String text = messages.description(CodePurpose.VERIFY, language, contact, "048213", 10);
    assertThat(text).contains("048213")
        .contains("https://alert.example.be/#verify=" + contact + ".048213")
        .doesNotContain("{");
  }

  @ParameterizedTest
  @CsvSource({"nl", "fr", "de", "en"})
  void eachLanguageHasItsOwnText(String language) {
    String english = messages.shortText(CodePurpose.VERIFY, "en", "1", 10);
    String text = messages.shortText(CodePurpose.VERIFY, language, "1", 10);
    assertThat(text.equals(english)).isEqualTo(language.equals("en"));
  }
}
