package org.tocsin.deliverytracker.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/** Alert events as alert-intake publishes them, for tests. */
public final class Alerts {

  private Alerts() {
  }

  public static AlertEvent alert(String alertId, AlertStatus status, Instant sent,
                                 List<String> zones) {
    return AlertEvent.newBuilder()
        .setAlertId(alertId).setVersion(1).setIdentifier(alertId + "-1")
        .setSender("crisis@example.be").setSent(sent).setStatus(status)
        .setMsgType(MessageType.ALERT).setReferences(List.of())
        .setCategories(List.of(AlertCategory.SAFETY)).setEvent("Chemical release")
        .setUrgency(Urgency.IMMEDIATE).setSeverity(Severity.SEVERE)
        .setCertainty(Certainty.OBSERVED).setEffective(sent)
        .setExpires(sent.plus(Duration.ofHours(6)))
        .setInfos(List.of(Info.newBuilder().setLanguage("en").setSenderName("Crisis centre")
            .setHeadline("Toxic smoke").setDescription("A warehouse fire.")
            .setInstruction("Stay indoors.").setSmsText("Toxic smoke: stay indoors.")
            .setWeb(null).build()))
        .setArea(Area.newBuilder().setDescription("Brussels").setPolygons(List.of())
            .setCircles(List.of()).setZoneIds(zones).build())
        .setPreviousArea(null)
        .setChannels(List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH))
        .setIssuedBy("operator").setApprovedBy("approver").setNote(null)
        .build();
  }
}
