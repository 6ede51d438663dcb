package org.tocsin.alertintake.alert;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerts ({@code tocsin.alerts.*}).
 *
 * @param sender CAP sender of every message (default {@code tocsin.invalid}; set it to the
 *     crisis centre's domain)
 * @param identifierPrefix start of every CAP identifier, followed by the alert id and version
 *     (default {@code TOCSIN})
 * @param languages languages every alert must have a text in (default nl, fr, de, en)
 * @param additionalLanguages further languages an alert may have (default none); each needs
 *     marking words and cancel texts (built in for nl, fr, de, en)
 * @param defaultLifetime expiry of an alert given none (default 6h)
 * @param maxLifetime latest expiry accepted, from now (default 72h)
 * @param cancelLifetime how long a CANCEL or an all-clear stays deliverable, at least 1h
 *     (default 1h)
 * @param headlineMaxLength longest headline, marking included (default 160)
 * @param descriptionMaxLength longest description, marking included (default 4000)
 * @param instructionMaxLength longest instruction, marking included (default 2000)
 * @param smsTextMaxLength longest SMS text, marking included (default 306: two SMS)
 * @param eventMaxLength longest CAP event (default 120)
 * @param noteMaxLength longest note or reason (default 1000)
 * @param marking words that mark EXERCISE and TEST texts per language, on top of the built-in
 *     ones ({@code tocsin.alerts.marking.nl.exercise=OEFENING})
 * @param cancelTexts prepared texts of a CANCEL per language, on top of the built-in ones;
 *     {@code {0}} stands for the alert's event, {@code {1}} for its area description
 * @param allClearTexts prepared texts of an all-clear per language, on top of the built-in
 *     ones; {@code {0}} and {@code {1}} as in the cancel texts
 * @param idempotencyRetention how long an Idempotency-Key is remembered (default 24h)
 * @param expiryCheckInterval how often alerts past their expiry are marked EXPIRED (default 30s)
 */
@Validated
@ConfigurationProperties("tocsin.alerts")
public record AlertProperties(
    @DefaultValue("tocsin.invalid") @NotBlank String sender,
    @DefaultValue("TOCSIN") @NotBlank String identifierPrefix,
    @DefaultValue({"nl", "fr", "de", "en"}) @NotEmpty List<String> languages,
    @DefaultValue({}) List<String> additionalLanguages,
    @DefaultValue("6h") @NotNull Duration defaultLifetime,
    @DefaultValue("72h") @NotNull Duration maxLifetime,
    @DefaultValue("1h") @NotNull Duration cancelLifetime,
    @DefaultValue("160") @Min(20) int headlineMaxLength,
    @DefaultValue("4000") @Min(20) int descriptionMaxLength,
    @DefaultValue("2000") @Min(20) int instructionMaxLength,
    @DefaultValue("306") @Min(20) int smsTextMaxLength,
    @DefaultValue("120") @Min(1) int eventMaxLength,
    @DefaultValue("1000") @Min(1) int noteMaxLength,
    Map<String, Marking.Words> marking,
    Map<String, PreparedTexts.Template> cancelTexts,
    Map<String, PreparedTexts.Template> allClearTexts,
    @DefaultValue("24h") @NotNull Duration idempotencyRetention,
    @DefaultValue("30s") @NotNull Duration expiryCheckInterval) {

  public AlertProperties {
    additionalLanguages = additionalLanguages == null ? List.of() : additionalLanguages;
    marking = marking == null ? Map.of() : marking;
    cancelTexts = cancelTexts == null ? Map.of() : cancelTexts;
    allClearTexts = allClearTexts == null ? Map.of() : allClearTexts;
    if (cancelLifetime.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("tocsin.alerts.cancel-lifetime must be at least 1h");
    }
    if (defaultLifetime.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException(
          "tocsin.alerts.default-lifetime must not exceed tocsin.alerts.max-lifetime");
    }
  }

  /** Every language an alert may have: the required ones first. */
  public List<String> allLanguages() {
    LinkedHashSet<String> all = new LinkedHashSet<>(languages);
    all.addAll(additionalLanguages);
    return List.copyOf(all);
  }
}
