package org.tocsin.events.topics;

import java.util.Locale;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/**
 * The names of Tocsin's topics. Each is configurable (services bind it under
 * {@code tocsin.topics}); a component left null takes its default. In {@code deliveries} and
 * {@code deadLetters}, {@code {channel}} and {@code {lane}} are replaced by lower-case names.
 * A channel's verification messages have a topic of their own, named by {@code deliveries}
 * with {@code verification} in place of the lane.
 */
public record TopicNames(String alerts, String subscriptions, String deliveries,
                         String deadLetters, String deliveryStatus, String zones,
                         String contactsGone) {

  public static final String DEFAULT_ALERTS = "tocsin.alerts.v1";
  public static final String DEFAULT_SUBSCRIPTIONS = "tocsin.subscriptions.v1";
  public static final String DEFAULT_DELIVERIES = "tocsin.deliveries.{channel}.{lane}.v1";
  public static final String DEFAULT_DEAD_LETTERS = "tocsin.deliveries.{channel}.dead-letter.v1";
  public static final String DEFAULT_DELIVERY_STATUS = "tocsin.delivery-status.v1";
  public static final String DEFAULT_ZONES = "tocsin.zones.v1";
  public static final String DEFAULT_CONTACTS_GONE = "tocsin.contacts-gone.v1";
  private static final String VERIFICATION = "verification";

  public TopicNames {
    alerts = orDefault(alerts, DEFAULT_ALERTS);
    subscriptions = orDefault(subscriptions, DEFAULT_SUBSCRIPTIONS);
    deliveries = orDefault(deliveries, DEFAULT_DELIVERIES);
    deadLetters = orDefault(deadLetters, DEFAULT_DEAD_LETTERS);
    deliveryStatus = orDefault(deliveryStatus, DEFAULT_DELIVERY_STATUS);
    zones = orDefault(zones, DEFAULT_ZONES);
    contactsGone = orDefault(contactsGone, DEFAULT_CONTACTS_GONE);
    if (!deliveries.contains("{channel}") || !deliveries.contains("{lane}")) {
      throw new IllegalArgumentException(
          "tocsin.topics.deliveries must contain {channel} and {lane}: " + deliveries);
    }
    if (!deadLetters.contains("{channel}")) {
      throw new IllegalArgumentException(
          "tocsin.topics.dead-letters must contain {channel}: " + deadLetters);
    }
  }

  public static TopicNames defaults() {
    return new TopicNames(null, null, null, null, null, null, null);
  }

  public String deliveries(Channel channel, Lane lane) {
    return deliveries.replace("{channel}", lowerCase(channel)).replace("{lane}", lowerCase(lane));
  }

  public String verifications(Channel channel) {
    return deliveries.replace("{channel}", lowerCase(channel)).replace("{lane}", VERIFICATION);
  }

  public String deadLetters(Channel channel) {
    return deadLetters.replace("{channel}", lowerCase(channel));
  }

  private static String lowerCase(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
