package org.tocsin.alertintake.alert;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.alertintake.geometry.GeoJsonPolygons;
import org.tocsin.alertintake.geometry.Geometries;
import org.tocsin.alertintake.geometry.GeometryProperties;
import org.tocsin.alertintake.rejection.Violations;
import org.springframework.stereotype.Component;

/** Turns the JSON of a request into an alert's content; GeoJSON defects become violations. */
@Component
class AlertRequests {

  private final GeoJsonPolygons geoJson;

  AlertRequests(GeometryProperties geometry) {
    this.geoJson = new GeoJsonPolygons(geometry.maxVerticesPerPolygon());
  }

  AlertContent content(AlertRequest request) {
    Violations violations = new Violations();
    AreaSpec area = null;
    if (request.area() == null) {
      violations.add("area", "is required");
    } else {
      area = area(request.area(), violations);
    }
    violations.throwIfAny("The alert is invalid");
    return new AlertContent(request.status(), request.categories(), request.event(),
        request.urgency(), request.severity(), request.certainty(), request.effective(),
        request.expires(), request.infos(), area, request.channels(), request.note(),
        request.responseTypes());
  }

  private AreaSpec area(AlertRequest.AreaRequest request, Violations violations) {
    List<DrawnPolygon> polygons = new ArrayList<>();
    List<tools.jackson.databind.JsonNode> given =
        request.polygons() == null ? List.of() : request.polygons();
    for (int i = 0; i < given.size(); i++) {
      String field = "area.polygons[" + i + "]";
      GeoJsonPolygons.Read read = geoJson.read(given.get(i), field);
      violations.addAll(read.violations());
      for (Polygon polygon : read.polygons()) {
        if (polygon.getNumInteriorRing() > 0) {
          violations.add(field, "has holes, which a drawn area cannot have (CAP 1.2 polygons "
              + "have none): split it into polygons without holes");
        } else {
          polygons.add(new DrawnPolygon(
              Geometries.positions((LinearRing) polygon.getExteriorRing())));
        }
      }
    }
    return new AreaSpec(request.description(), polygons, request.circles(), request.zoneIds());
  }
}
