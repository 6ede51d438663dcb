package org.tocsin.alertintake.alert;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.ResponseType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;
import tools.jackson.databind.JsonNode;

/**
 * A new alert or the correction of one. Only status ACTUAL, EXERCISE or TEST; the first info is
 * the default language; effective defaults to now, expires to now plus the default lifetime,
 * channels to all; responseTypes (CAP) to none.
 */
public record AlertRequest(
    AlertStatus status,
    List<AlertCategory> categories,
    String event,
    Urgency urgency,
    Severity severity,
    Certainty certainty,
    Instant effective,
    Instant expires,
    List<InfoText> infos,
    AreaRequest area,
    List<Channel> channels,
    String note,
    List<ResponseType> responseTypes) {

  /**
   * The area: GeoJSON Polygons or MultiPolygons ([longitude, latitude], rings closed, no
   * holes), geodesic circles, and ids of catalogue zones, in any mix.
   */
  public record AreaRequest(
      String description,
      @Schema(description = "GeoJSON Polygon or MultiPolygon geometries")
      List<JsonNode> polygons,
      List<DrawnCircle> circles,
      List<String> zoneIds) {
  }
}
