package org.tocsin.alertpage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Circle;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Polygon;
import org.tocsin.events.v1.Reference;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/** Alert events as alert-intake publishes them, for tests. */
public final class AlertFixtures {

  static {
    EventTypes.all();
  }

  private AlertFixtures() {
  }

  public static Polygon rectangle(double south, double west, double north, double east) {
    return new Polygon(List.of(new Coordinate(south, west), new Coordinate(south, east),
        new Coordinate(north, east), new Coordinate(north, west), new Coordinate(south, west)),
        List.of());
  }

  /** Brussels centre: a rectangle and a circle of 2 km. */
  public static Area brussels() {
    return new Area("Brussels centre", List.of(rectangle(50.82, 4.32, 50.88, 4.40)),
        List.of(new Circle(new Coordinate(50.85, 4.35), 2000.0)), List.of());
  }

  public static Info info(String language, String headline, String description,
                          String instruction) {
    return Info.newBuilder().setLanguage(language).setSenderName(null).setHeadline(headline)
        .setDescription(description).setInstruction(instruction)
        .setSmsText(headline).setWeb(null).build();
  }

  /** The texts of a chemical release in nl, fr, de and en. */
  public static List<Info> toxicSmoke() {
    return List.of(
        info("nl", "Giftige rook", "Brand in een opslagplaats.\nDe rook trekt naar het noorden.",
            "Blijf binnen. Sluit ramen en deuren."),
        info("fr", "Fumée toxique", "Incendie dans un entrepôt.", "Restez à l'intérieur."),
        info("de", "Giftiger Rauch", "Brand in einem Lager.", "Bleiben Sie drinnen."),
        info("en", "Toxic smoke", "A warehouse fire.", "Stay indoors."));
  }

  /** Version 1 of an ACTUAL alert, sent at {@code sent}, in force for six hours. */
  public static AlertEvent.Builder alert(String alertId, Instant sent, List<Info> infos) {
    return AlertEvent.newBuilder()
        .setAlertId(alertId)
        .setVersion(1)
        .setIdentifier("TOCSIN-" + alertId + "-1")
        .setSender("tocsin.invalid")
        .setSent(sent)
        .setStatus(AlertStatus.ACTUAL)
        .setMsgType(MessageType.ALERT)
        .setReferences(List.of())
        .setCategories(List.of(AlertCategory.CBRNE))
        .setEvent("Chemical release")
        .setUrgency(Urgency.IMMEDIATE)
        .setSeverity(Severity.SEVERE)
        .setCertainty(Certainty.OBSERVED)
        .setEffective(sent)
        .setExpires(sent.plus(Duration.ofHours(6)))
        .setInfos(infos)
        .setArea(brussels())
        .setPreviousArea(null)
        .setChannels(List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH))
        .setIssuedBy("olivia")
        .setApprovedBy("arthur")
        .setNote(null);
  }

  /** The next version of {@code earlier}: an UPDATE or a CANCEL sent at {@code sent}. */
  public static AlertEvent.Builder next(AlertEvent earlier, MessageType type, Instant sent,
                                        List<Info> infos) {
    int version = earlier.getVersion() + 1;
    return AlertEvent.newBuilder(earlier)
        .setVersion(version)
        .setIdentifier("TOCSIN-" + earlier.getAlertId() + "-" + version)
        .setSent(sent)
        .setMsgType(type)
        .setReferences(List.of(new Reference(earlier.getSender(), earlier.getIdentifier(),
            earlier.getSent())))
        .setInfos(infos)
        .setPreviousArea(earlier.getArea());
  }
}
