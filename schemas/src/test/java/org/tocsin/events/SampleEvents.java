package org.tocsin.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Circle;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Location;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Polygon;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.events.v1.Urgency;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.events.v1.ZoneKind;
import org.tocsin.events.v1.ZoneSubscription;

/** One realistic event of each type, for the tests of this module. */
public final class SampleEvents {

  static {
    // Loading the catalogue lets Avro instantiate Tocsin's generated classes.
    org.tocsin.events.serde.EventTypes.all();
  }

  public static final Instant SENT = Instant.parse("2026-11-23T10:15:00Z").truncatedTo(ChronoUnit.MILLIS);

  private SampleEvents() {
  }

  public static AlertEvent chemicalRelease() {
    Polygon antwerpPort = Polygon.newBuilder().setExterior(List.of(
        coordinate(51.30, 4.25), coordinate(51.30, 4.40), coordinate(51.22, 4.40),
        coordinate(51.22, 4.25), coordinate(51.30, 4.25))).build();
    return AlertEvent.newBuilder()
        .setAlertId("a-2026-000123")
        .setVersion(1)
        .setIdentifier("BE-NCCN-2026-000123-1")
        .setSender("nccn@crisiscentrum.be")
        .setSent(SENT)
        .setStatus(AlertStatus.ACTUAL)
        .setMsgType(MessageType.ALERT)
        .setCategories(List.of(AlertCategory.CBRNE))
        .setEvent("Chemical release")
        .setUrgency(Urgency.IMMEDIATE)
        .setSeverity(Severity.SEVERE)
        .setCertainty(Certainty.OBSERVED)
        .setEffective(SENT)
        .setExpires(SENT.plus(6, ChronoUnit.HOURS))
        .setInfos(List.of(
            info("nl", "Chemisch incident haven Antwerpen", "Sluit ramen en deuren."),
            info("fr", "Incident chimique port d'Anvers", "Fermez portes et fenêtres.")))
        .setArea(Area.newBuilder()
            .setDescription("Haven van Antwerpen")
            .setPolygons(List.of(antwerpPort))
            .setCircles(List.of(Circle.newBuilder().setCentre(coordinate(51.26, 4.33))
                .setRadiusMetres(2500).build()))
            .setZoneIds(List.of("BE-11002", "BE-SEVESO-0042"))
            .build())
        .setChannels(List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH))
        .setIssuedBy("operator-anna")
        .setApprovedBy("approver-bram")
        .build();
  }

  public static SubscriberChanged subscriber() {
    return SubscriberChanged.newBuilder()
        .setSubscriberId("6f1c2a7e-0d4b-4c55-9a0e-2f1f6a3b9c11")
        .setRevision(3)
        .setChangedAt(SENT)
        .setLanguage("fr")
        .setContacts(List.of(
            Contact.newBuilder().setChannel(Channel.SMS).setAddress("+32470123456")
                .setVerified(true).build(),
            Contact.newBuilder().setChannel(Channel.PUSH)
                .setAddress("https://push.example.org/send/abc").setVerified(true)
                .setPushKeys(PushKeys.newBuilder().setP256dh("BNcRd").setAuth("tBHI").build())
                .build()))
        .setLocations(List.of(Location.newBuilder().setLabel("Maison")
            .setPosition(coordinate(50.85, 4.35)).build()))
        .setZones(List.of(ZoneSubscription.newBuilder().setZoneId("BE-EVENT-WERCHTER-2026")
            .setUntilEpochMillis(SENT.plus(4, ChronoUnit.DAYS).toEpochMilli()).build()))
        .build();
  }

  public static DeliveryTask smsTask() {
    return DeliveryTask.newBuilder()
        .setTaskId("0b8e7d4f-3a2c-5e1f-9b6a-7c8d9e0f1a2b")
        .setKind(TaskKind.ALERT)
        .setChannel(Channel.SMS)
        .setLane(Lane.HIGH)
        .setSubscriberId("6f1c2a7e-0d4b-4c55-9a0e-2f1f6a3b9c11")
        .setRecipient("+32470123456")
        .setAlertId("a-2026-000123")
        .setAlertVersion(1)
        .setIdentifier("BE-NCCN-2026-000123-1")
        .setStatus(AlertStatus.ACTUAL)
        .setMsgType(MessageType.ALERT)
        .setSeverity(Severity.SEVERE)
        .setMessage(Message.newBuilder().setLanguage("fr")
            .setHeadline("Incident chimique port d'Anvers")
            .setDescription("Un nuage toxique se dirige vers le nord.")
            .setShortText("Incident chimique: fermez portes et fenêtres.").build())
        .setCreatedAt(SENT)
        .setExpires(SENT.plus(6, ChronoUnit.HOURS))
        .build();
  }

  public static DeliveryStatus fanOutReport() {
    return DeliveryStatus.newBuilder()
        .setTaskId("fanout/a-2026-000123/1/SMS")
        .setOutcome(DeliveryOutcome.FANNED_OUT)
        .setAt(SENT)
        .setChannel(Channel.SMS)
        .setLane(Lane.HIGH)
        .setAlertId("a-2026-000123")
        .setAlertVersion(1)
        .setFanOut(FanOutReport.newBuilder().setTargeted(48_213)
            .setTargetedByZone(Map.of("BE-11002", 1_204L)).setMatchingMillis(212)
            .setDurationMillis(1_830).build())
        .build();
  }

  public static ZoneChanged municipality() {
    return ZoneChanged.newBuilder()
        .setZoneId("BE-11002")
        .setKind(ZoneKind.MUNICIPALITY)
        .setNames(Map.of("nl", "Antwerpen", "fr", "Anvers", "de", "Antwerpen", "en", "Antwerp"))
        .setParentId("BE-VAN")
        .setPostcodes(List.of("2000", "2018", "2060"))
        .setInteriorPoint(coordinate(51.22, 4.40))
        .setChangedAt(SENT)
        .build();
  }

  public static ContactGone pushContactGone() {
    return ContactGone.newBuilder()
        .setSubscriberId("6f1c2a7e-0d4b-4c55-9a0e-2f1f6a3b9c11")
        .setChannel(Channel.PUSH)
        .setAddress("https://updates.push.services.mozilla.com/wpush/v2/gAAAAABexample")
        .setErrorCode("push-410")
        .setProvider("webpush")
        .setTaskId("0b8e7d4f-3a2c-5e1f-9b6a-7c8d9e0f1a2c")
        .setAt(SENT)
        .build();
  }

  private static Info info(String language, String headline, String instruction) {
    return Info.newBuilder().setLanguage(language).setHeadline(headline)
        .setDescription(headline + ".").setInstruction(instruction)
        .setSmsText(headline + ": " + instruction).build();
  }

  private static Coordinate coordinate(double lat, double lon) {
    return Coordinate.newBuilder().setLat(lat).setLon(lon).build();
  }
}
