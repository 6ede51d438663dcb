package org.tocsin.subscriptions.verification;

import java.net.URI;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.UUID;

/**
 * The texts of verification and management messages in nl, fr, de and en
 * ({@code verification/messages*.properties}). The short text fits one SMS (160 characters of
 * the GSM 7-bit alphabet).
 */
final class VerificationMessages {

  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final URI publicUrl;

  VerificationMessages(URI publicUrl) {
    this.publicUrl = publicUrl;
  }

  /** The text sent by SMS or push, with the code. */
  String shortText(CodePurpose purpose, String language, String code, long validMinutes) {
    return format(language, key(purpose) + ".short", code, validMinutes);
  }

  /** The full text (the body of an e-mail), with the code and, to verify, a link. */
  String description(CodePurpose purpose, String language, UUID contactId, String code,
                     long validMinutes) {
    String link = publicUrl.toString().replaceAll("/+$", "") + "/#verify=" + contactId + "."
        + code;
    return format(language, key(purpose) + ".long", code, validMinutes, link);
  }

  private static String key(CodePurpose purpose) {
    return purpose == CodePurpose.VERIFY ? "verify" : "manage";
  }

  private static String format(String language, String key, Object... arguments) {
    ResourceBundle bundle = ResourceBundle.getBundle("verification.messages",
        Locale.forLanguageTag(language), NO_DEFAULT_LOCALE);
    MessageFormat format = new MessageFormat(bundle.getString(key), Locale.ROOT);
    Object[] texts = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      texts[i] = String.valueOf(arguments[i]);
    }
    return format.format(texts);
  }
}
