package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.area.AreaPolygon;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.ResponseType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

class ContentHashTest {

  private static final Instant NOW = Instant.parse("2026-05-24T10:00:00Z");
  private static final InfoText NL = new InfoText("nl", "Crisiscentrum", "Giftige rook",
      "Brand in een opslagplaats.", "Blijf binnen.", "Giftige rook: blijf binnen.",
      "https://crisis.example");
  private static final AlertContent CONTENT = new AlertContent(AlertStatus.ACTUAL,
      List.of(AlertCategory.CBRNE), "Chemical release", Urgency.IMMEDIATE, Severity.SEVERE,
      Certainty.OBSERVED, NOW, NOW.plusSeconds(3600), List.of(NL),
      new AreaSpec("Brussels", List.of(), List.of(), List.of("BXL")),
      List.of(Channel.SMS, Channel.EMAIL), null, List.of(ResponseType.SHELTER));
  private static final ResolvedArea AREA = new ResolvedArea("Brussels",
      List.of(new AreaPolygon(List.of(new LatLon(50.8, 4.3), new LatLon(50.8, 4.4),
          new LatLon(50.9, 4.4), new LatLon(50.8, 4.3)), List.of())),
      List.of(new DrawnCircle(new LatLon(50.85, 4.35), 2000)), List.of("BXL", "EAST"),
      Map.of("BXL", 1));

  @Test
  void theSameContentHasTheSameHash() {
    String hash = hash(MessageType.ALERT, CONTENT, AREA);
    assertThat(hash).startsWith("sha256:").hasSize("sha256:".length() + 64);
    assertThat(hash(MessageType.ALERT, CONTENT, copy(AREA))).isEqualTo(hash);
  }

  @Test
  void everyStringACitizenCanReceiveAndEveryVertexChangesTheHash() {
    List<String> hashes = new ArrayList<>(List.of(
        hash(MessageType.ALERT, CONTENT, AREA),
        ContentHash.of("other.sender", MessageType.ALERT, CONTENT, AREA),
        hash(MessageType.UPDATE, CONTENT, AREA),
        hash(MessageType.ALERT, with(i -> new InfoText(i.language(), "Burgemeester",
            i.headline(), i.description(), i.instruction(), i.smsText(), i.web())), AREA),
        hash(MessageType.ALERT, with(i -> new InfoText(i.language(), i.senderName(),
            "Giftige rook!", i.description(), i.instruction(), i.smsText(), i.web())), AREA),
        hash(MessageType.ALERT, with(i -> new InfoText(i.language(), i.senderName(),
            i.headline(), "EVACUEER NU", i.instruction(), i.smsText(), i.web())), AREA),
        hash(MessageType.ALERT, with(i -> new InfoText(i.language(), i.senderName(),
            i.headline(), i.description(), null, i.smsText(), i.web())), AREA),
        hash(MessageType.ALERT, with(i -> new InfoText(i.language(), i.senderName(),
            i.headline(), i.description(), i.instruction(), "EVACUEER NU", i.web())), AREA),
        hash(MessageType.ALERT, with(i -> new InfoText(i.language(), i.senderName(),
            i.headline(), i.description(), i.instruction(), i.smsText(), "https://evil.example")),
            AREA),
        hash(MessageType.ALERT, content("Fire", List.of(Channel.SMS, Channel.EMAIL)), AREA),
        hash(MessageType.ALERT, content(CONTENT.event(), List.of(Channel.SMS)), AREA),
        hash(MessageType.ALERT, CONTENT, new ResolvedArea("Brussels and more",
            AREA.polygons(), AREA.circles(), AREA.zoneIds())),
        hash(MessageType.ALERT, CONTENT, new ResolvedArea(AREA.description(),
            List.of(new AreaPolygon(List.of(new LatLon(50.8, 4.3), new LatLon(50.8, 4.4),
                new LatLon(50.9, 4.400001), new LatLon(50.8, 4.3)), List.of())),
            AREA.circles(), AREA.zoneIds())),
        hash(MessageType.ALERT, CONTENT, new ResolvedArea(AREA.description(), AREA.polygons(),
            List.of(new DrawnCircle(new LatLon(50.85, 4.35), 2001)), AREA.zoneIds())),
        hash(MessageType.ALERT, CONTENT, new ResolvedArea(AREA.description(), AREA.polygons(),
            AREA.circles(), List.of("BXL")))));
    Set<String> distinct = new HashSet<>(hashes);
    assertThat(distinct).hasSameSizeAs(hashes);
  }

  @Test
  void theZoneVersionsAloneDoNotChangeTheHashSinceTheyChangeNothingSent() {
    assertThat(hash(MessageType.ALERT, CONTENT, new ResolvedArea(AREA.description(),
        AREA.polygons(), AREA.circles(), AREA.zoneIds(), Map.of("BXL", 2))))
        .isEqualTo(hash(MessageType.ALERT, CONTENT, AREA));
  }

  @Test
  void valuesCannotBeShiftedFromOneFieldToTheNext() {
    InfoText split = new InfoText("nl", null, "ab", "c", null, "s", null);
    InfoText shifted = new InfoText("nl", null, "a", "bc", null, "s", null);
    InfoText empty = new InfoText("nl", "", "ab", "c", null, "s", null);
    InfoText none = new InfoText("nl", null, "ab", "c", null, "s", null);
    assertThat(hash(MessageType.ALERT, with(i -> split), AREA))
        .isNotEqualTo(hash(MessageType.ALERT, with(i -> shifted), AREA));
    assertThat(hash(MessageType.ALERT, with(i -> empty), AREA))
        .isNotEqualTo(hash(MessageType.ALERT, with(i -> none), AREA));
  }

  private static String hash(MessageType type, AlertContent content, ResolvedArea area) {
    return ContentHash.of("tocsin.invalid", type, content, area);
  }

  private static AlertContent with(UnaryOperator<InfoText> change) {
    return new AlertContent(CONTENT.status(), CONTENT.categories(), CONTENT.event(),
        CONTENT.urgency(), CONTENT.severity(), CONTENT.certainty(), CONTENT.effective(),
        CONTENT.expires(), CONTENT.infos().stream().map(change).toList(), CONTENT.area(),
        CONTENT.channels(), CONTENT.note(), CONTENT.responseTypes());
  }

  private static AlertContent content(String event, List<Channel> channels) {
    return new AlertContent(CONTENT.status(), CONTENT.categories(), event, CONTENT.urgency(),
        CONTENT.severity(), CONTENT.certainty(), CONTENT.effective(), CONTENT.expires(),
        CONTENT.infos(), CONTENT.area(), channels, CONTENT.note(), CONTENT.responseTypes());
  }

  private static ResolvedArea copy(ResolvedArea area) {
    return new ResolvedArea(area.description(), new ArrayList<>(area.polygons()),
        new ArrayList<>(area.circles()), new ArrayList<>(area.zoneIds()), area.zoneVersions());
  }
}
