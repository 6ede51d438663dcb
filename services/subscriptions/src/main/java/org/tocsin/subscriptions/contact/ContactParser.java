package org.tocsin.subscriptions.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.tocsin.events.v1.Channel;
import org.tocsin.subscriptions.contact.InvalidContactException.Reason;

/**
 * Turns what a citizen typed (or what their browser gave) into a {@link ContactAddress}, or
 * refuses it. Mobile numbers are checked with libphonenumber: only numbers of the mobile kind in
 * a served region are accepted, which keeps landlines (that cannot receive SMS) and premium-rate
 * or special-service numbers (the target of SMS pumping) out.
 */
@Component
public class ContactParser {

  private static final int MAX_PHONE_INPUT = 32;
  private static final int MAX_EMAIL = 254;
  private static final int MAX_EMAIL_LOCAL = 64;
  private static final int MAX_PUSH_ENDPOINT = 2048;
  private static final Pattern LOCAL_PART =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
  private static final Set<PhoneNumberUtil.PhoneNumberType> SMS_CAPABLE = Set.of(
      PhoneNumberUtil.PhoneNumberType.MOBILE,
      PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE);
  private static final Set<PhoneNumberUtil.PhoneNumberType> PREMIUM_OR_SPECIAL = Set.of(
      PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE,
      PhoneNumberUtil.PhoneNumberType.SHARED_COST,
      PhoneNumberUtil.PhoneNumberType.UAN,
      PhoneNumberUtil.PhoneNumberType.PERSONAL_NUMBER,
      PhoneNumberUtil.PhoneNumberType.PAGER,
      PhoneNumberUtil.PhoneNumberType.VOICEMAIL);

  private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
  private final String defaultRegion;
  private final Set<String> smsRegions;
  private final List<String> pushHosts;
  private final boolean allowInsecurePushEndpoints;

  public ContactParser(ContactProperties properties) {
    this.defaultRegion = properties.defaultRegion().toUpperCase(Locale.ROOT);
    this.smsRegions = properties.smsRegions().stream()
        .map(region -> region.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.pushHosts = properties.pushHosts().stream()
        .map(host -> host.toLowerCase(Locale.ROOT)).toList();
    this.allowInsecurePushEndpoints = properties.allowInsecurePushEndpoints();
  }

  /**
   * Parses a contact of the given channel; {@code p256dh} and {@code auth} only for push.
   *
   * @throws InvalidContactException with the reason it is refused
   */
  public ContactAddress parse(Channel channel, String address, String p256dh, String auth) {
    return switch (channel) {
      case SMS -> mobileNumber(address);
      case EMAIL -> emailAddress(address);
      case PUSH -> pushSubscription(address, p256dh, auth);
    };
  }

  public MobileNumber mobileNumber(String input) {
    if (input == null || input.isBlank() || input.length() > MAX_PHONE_INPUT) {
      throw new InvalidContactException(Reason.INVALID_NUMBER);
    }
    PhoneNumber number;
    try {
      number = phoneNumbers.parse(input, defaultRegion);
    } catch (NumberParseException e) {
      throw new InvalidContactException(Reason.INVALID_NUMBER);
    }
    if (!phoneNumbers.isValidNumber(number)) {
      throw new InvalidContactException(Reason.INVALID_NUMBER);
    }
    PhoneNumberUtil.PhoneNumberType type = phoneNumbers.getNumberType(number);
    if (PREMIUM_OR_SPECIAL.contains(type)) {
      throw new InvalidContactException(Reason.PREMIUM_RATE);
    }
    if (!SMS_CAPABLE.contains(type)) {
      throw new InvalidContactException(Reason.NOT_MOBILE);
    }
    String region = phoneNumbers.getRegionCodeForNumber(number);
    if (region == null || !smsRegions.contains(region)) {
      throw new InvalidContactException(Reason.REGION_NOT_SERVED);
    }
    return new MobileNumber(phoneNumbers.format(number, PhoneNumberFormat.E164), region);
  }

  public EmailAddress emailAddress(String input) {
    if (input == null) {
      throw new InvalidContactException(Reason.INVALID_EMAIL);
    }
    String address = input.strip();
    int at = address.lastIndexOf('@');
    if (address.length() > MAX_EMAIL || at < 1 || at > MAX_EMAIL_LOCAL
        || at == address.length() - 1) {
      throw new InvalidContactException(Reason.INVALID_EMAIL);
    }
    String local = address.substring(0, at);
    if (!LOCAL_PART.matcher(local).matches()) {
      throw new InvalidContactException(Reason.INVALID_EMAIL);
    }
    String domain = asciiDomain(address.substring(at + 1));
    String normalised = (local + "@" + domain).toLowerCase(Locale.ROOT);
    if (normalised.length() > MAX_EMAIL) {
      throw new InvalidContactException(Reason.INVALID_EMAIL);
    }
    return new EmailAddress(normalised);
  }

  public PushSubscription pushSubscription(String endpoint, String p256dh, String auth) {
    if (endpoint == null || endpoint.length() > MAX_PUSH_ENDPOINT) {
      throw new InvalidContactException(Reason.INVALID_PUSH_ENDPOINT);
    }
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      throw new InvalidContactException(Reason.INVALID_PUSH_ENDPOINT);
    }
    boolean local = allowInsecurePushEndpoints && isLocalPushService(uri);
    if (!local && (!"https".equals(uri.getScheme()) || uri.getHost() == null
        || uri.getRawUserInfo() != null || uri.getRawFragment() != null
        || (uri.getPort() != -1 && uri.getPort() != 443)
        || !isKnownPushHost(uri.getHost().toLowerCase(Locale.ROOT)))) {
      throw new InvalidContactException(Reason.INVALID_PUSH_ENDPOINT);
    }
    byte[] publicKey = base64Url(p256dh);
    byte[] secret = base64Url(auth);
    // An uncompressed P-256 point (RFC 8291 section 3.1) and a 16-byte authentication secret.
    if (publicKey.length != 65 || publicKey[0] != 0x04 || secret.length != 16) {
      throw new InvalidContactException(Reason.INVALID_PUSH_KEYS);
    }
    return new PushSubscription(uri.toString(), p256dh.strip(), auth.strip());
  }

  /** An http(s) push service on this machine, e.g. a test's (only with the test setting). */
  /** A loopback push service, or a known one on plain http or another port (a test stack's). */
  private boolean isLocalPushService(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        && uri.getRawUserInfo() == null && uri.getRawFragment() == null
        && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
            || (!host.isEmpty() && isKnownPushHost(host)));
  }

  private boolean isKnownPushHost(String host) {
    return pushHosts.stream().anyMatch(known -> host.equals(known) || host.endsWith("." + known));
  }

  private static String asciiDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, 0).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new InvalidContactException(Reason.INVALID_EMAIL);
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2 || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
      throw new InvalidContactException(Reason.INVALID_EMAIL);
    }
    for (String label : labels) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        throw new InvalidContactException(Reason.INVALID_EMAIL);
      }
    }
    return ascii;
  }

  private static byte[] base64Url(String value) {
    if (value == null || value.length() > 200) {
      throw new InvalidContactException(Reason.INVALID_PUSH_KEYS);
    }
    try {
      return Base64.getUrlDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidContactException(Reason.INVALID_PUSH_KEYS);
    }
  }
}
