package org.tocsin.alertintake.alert;

import java.util.List;
import org.tocsin.alertintake.area.AreaPolygon;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Circle;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Polygon;
import org.tocsin.events.v1.Reference;

/**
 * The AlertEvent of a published version: {@code area} is this version's area, and
 * {@code previousArea} the union of the areas of every earlier version (null for version 1), so
 * that an UPDATE or CANCEL reaches everyone the earlier messages reached.
 */
final class AlertEvents {

  private AlertEvents() {
  }

  static AlertEvent of(AlertVersion version, List<AlertVersion> earlier) {
    AlertContent content = version.content();
    return AlertEvent.newBuilder()
        .setAlertId(version.alertId().toString())
        .setVersion(version.version())
        .setIdentifier(version.identifier())
        .setSender(version.sender())
        .setSent(version.sent())
        .setStatus(content.status())
        .setMsgType(version.msgType())
        .setReferences(earlier.stream().map(e -> new Reference(e.sender(), e.identifier(),
            e.sent())).toList())
        .setCategories(content.categories())
        .setEvent(content.event())
        .setUrgency(content.urgency())
        .setSeverity(content.severity())
        .setCertainty(content.certainty())
        .setEffective(content.effective())
        .setExpires(content.expires())
        .setInfos(content.infos().stream().map(AlertEvents::info).toList())
        .setArea(area(version.area()))
        .setPreviousArea(earlier.isEmpty() ? null
            : area(ResolvedArea.union(earlier.stream().map(AlertVersion::area).toList())))
        .setChannels(content.channels())
        .setIssuedBy(version.issuedBy())
        .setApprovedBy(version.approvedBy())
        .setNote(content.note())
        .setResponseTypes(content.responseTypes())
        .build();
  }

  private static Info info(InfoText text) {
    return Info.newBuilder()
        .setLanguage(text.language())
        .setSenderName(text.senderName())
        .setHeadline(text.headline())
        .setDescription(text.description())
        .setInstruction(text.instruction())
        .setSmsText(text.smsText())
        .setWeb(text.web())
        .build();
  }

  private static Area area(ResolvedArea area) {
    return Area.newBuilder()
        .setDescription(area.description())
        .setPolygons(area.polygons().stream().map(AlertEvents::polygon).toList())
        .setCircles(area.circles().stream().map(AlertEvents::circle).toList())
        .setZoneIds(area.zoneIds())
        .build();
  }

  private static Polygon polygon(AreaPolygon polygon) {
    return new Polygon(coordinates(polygon.exterior()),
        polygon.holes().stream().map(AlertEvents::coordinates).toList());
  }

  private static Circle circle(DrawnCircle circle) {
    return new Circle(coordinate(circle.centre()), circle.radiusMetres());
  }

  private static List<Coordinate> coordinates(List<LatLon> ring) {
    return ring.stream().map(AlertEvents::coordinate).toList();
  }

  private static Coordinate coordinate(LatLon position) {
    return new Coordinate(position.lat(), position.lon());
  }
}
