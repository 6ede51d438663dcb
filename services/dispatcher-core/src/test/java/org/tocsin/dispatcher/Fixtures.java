package org.tocsin.dispatcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Circle;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Location;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Polygon;
import org.tocsin.events.v1.Reference;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.Urgency;
import org.tocsin.events.v1.ZoneSubscription;

/** Events as the other services publish them, for tests. */
public final class Fixtures {

  static {
    EventTypes.all();
  }

  private Fixtures() {
  }

  public static Coordinate at(double lat, double lon) {
    return new Coordinate(lat, lon);
  }

  /** A subscriber with a verified contact of the channel at each of these places. */
  public static SubscriberChanged.Builder subscriber(String id, Channel channel, String address,
                                                     String language, Coordinate... places) {
    List<Location> locations = new ArrayList<>();
    for (int i = 0; i < places.length; i++) {
      locations.add(new Location("place " + i, places[i]));
    }
    return SubscriberChanged.newBuilder()
        .setSubscriberId(id)
        .setRevision(1)
        .setChangedAt(Instant.now())
        .setLanguage(language)
        .setContacts(List.of(new Contact(channel, address, true, null)))
        .setLocations(locations)
        .setZones(List.of())
        .setDeclinedCategories(List.of())
        .setAccessibility(List.of());
  }

  public static ZoneSubscription zone(String zoneId, Instant until) {
    return new ZoneSubscription(zoneId, until == null ? null : until.toEpochMilli());
  }

  /** A closed rectangle polygon. */
  public static Polygon rectangle(double south, double west, double north, double east) {
    return new Polygon(List.of(at(south, west), at(south, east), at(north, east),
        at(north, west), at(south, west)), List.of());
  }

  public static Area area(List<Polygon> polygons, List<Circle> circles, List<String> zoneIds) {
    return new Area("test area", polygons, circles, zoneIds);
  }

  public static Circle circle(Coordinate centre, double radiusMetres) {
    return new Circle(centre, radiusMetres);
  }

  public static Info info(String language, String smsText) {
    return Info.newBuilder().setLanguage(language).setSenderName("Crisis centre")
        .setHeadline("Headline " + language).setDescription("Description " + language)
        .setInstruction(null).setSmsText(smsText).setWeb(null).build();
  }

  /** Version 1 of an alert with texts in these languages (the first is the default). */
  public static AlertEvent.Builder alert(String alertId, AlertStatus status, Severity severity,
                                         Area area, Info... infos) {
    Instant now = Instant.now();
    return AlertEvent.newBuilder()
        .setAlertId(alertId)
        .setVersion(1)
        .setIdentifier(alertId + "-1")
        .setSender("crisis@example.be")
        .setSent(now)
        .setStatus(status)
        .setMsgType(MessageType.ALERT)
        .setReferences(List.of())
        .setCategories(List.of(AlertCategory.SAFETY))
        .setEvent("Test event")
        .setUrgency(Urgency.IMMEDIATE)
        .setSeverity(severity)
        .setCertainty(Certainty.OBSERVED)
        .setEffective(now)
        .setExpires(now.plus(Duration.ofHours(6)))
        .setInfos(List.of(infos))
        .setArea(area)
        .setPreviousArea(null)
        .setChannels(List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH))
        .setIssuedBy("operator")
        .setApprovedBy(null)
        .setNote(null);
  }

  /** Bytes that are no Tocsin event at all. */
  public static byte[] garbage() {
    return "{\"subscriberId\": \"not avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * An event as a newer producer would write it: a valid single-object header whose schema
   * fingerprint this build does not know.
   */
  public static byte[] withUnknownFingerprint(byte[] encoded) {
    byte[] bytes = encoded.clone();
    for (int i = 2; i < 10; i++) {
      bytes[i] = (byte) (0x5A ^ (i * 31));
    }
    return bytes;
  }

  /** A later version of an alert: an UPDATE to {@code area}, or a CANCEL of it. */
  public static AlertEvent later(AlertEvent original, int version, MessageType type, Area area,
                                 Info... infos) {
    return AlertEvent.newBuilder(original).setVersion(version)
        .setIdentifier(original.getAlertId() + "-" + version).setMsgType(type)
        .setSent(original.getSent().plusSeconds(version))
        .setReferences(List.of(new Reference(original.getSender(), original.getIdentifier(),
            original.getSent())))
        .setArea(area).setPreviousArea(original.getArea())
        .setInfos(infos.length == 0 ? original.getInfos() : List.of(infos)).build();
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
