package org.tocsin.alertintake.cap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.rejection.Violations;

/**
 * Resolves the geocodes of a CAP message through the zones' external codes: a geocode whose
 * valueName names a configured scheme (NIS/INS, LAU, NUTS, ...) and whose value a zone carries
 * becomes that zone. A geocode not understood (unknown valueName, or a code no zone carries) is
 * ignored with a warning when its area has a place without it (a polygon, a circle, a zone),
 * and refused with the reason when it has none.
 */
final class CapGeocodes {

  /** The zones carrying these codes of a scheme, by code. */
  interface ZoneCodeLookup {
    Map<String, String> zonesWithCodes(String scheme, List<String> codes);
  }

  private final CapProperties properties;
  private final ZoneCodeLookup zones;

  CapGeocodes(CapProperties properties, ZoneCodeLookup zones) {
    this.properties = properties;
    this.zones = zones;
  }

  CapMessage resolve(CapMessage message) {
    if (message.geocodes().isEmpty()) {
      return message;
    }
    Map<String, Map<String, String>> found = lookUp(message.geocodes());
    Violations violations = new Violations();
    List<CapWarning> warnings = new ArrayList<>(message.warnings());
    LinkedHashSet<String> zoneIds = new LinkedHashSet<>(message.content().area().zoneIds());
    for (CapMessage.GeocodedArea area : message.geocodes()) {
      List<String> resolved = new ArrayList<>();
      List<CapInfo.Geocode> unknown = new ArrayList<>();
      for (CapInfo.Geocode geocode : area.geocodes()) {
        String scheme = properties.schemeOf(geocode.valueName());
        String zone = scheme == null ? null
            : found.getOrDefault(scheme, Map.of()).get(geocode.value());
        if (zone != null) {
          resolved.add(zone);
        } else {
          unknown.add(geocode);
        }
      }
      zoneIds.addAll(resolved);
      boolean placed = area.placed() || !resolved.isEmpty();
      for (CapInfo.Geocode geocode : unknown) {
        String reason = reason(geocode);
        if (placed) {
          warnings.add(new CapWarning(geocode.field(), reason + "; ignored, since the area "
              + "has a polygon, circle or zone besides"));
        } else {
          violations.add(geocode.field(), reason + ", and the area has no polygon, circle or "
              + "zone besides: Tocsin cannot tell where it is");
        }
      }
    }
    violations.throwIfAny("The CAP message cannot be mapped onto a Tocsin alert");
    AlertContent content = message.content();
    AreaSpec area = content.area();
    AreaSpec resolvedArea = new AreaSpec(area.description(), area.polygons(), area.circles(),
        new ArrayList<>(zoneIds));
    return message.with(new AlertContent(content.status(), content.categories(),
        content.event(), content.urgency(), content.severity(), content.certainty(),
        content.effective(), content.expires(), content.infos(), resolvedArea,
        content.channels(), content.note()), warnings);
  }

  private Map<String, Map<String, String>> lookUp(List<CapMessage.GeocodedArea> areas) {
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    for (CapMessage.GeocodedArea area : areas) {
      for (CapInfo.Geocode geocode : area.geocodes()) {
        String scheme = properties.schemeOf(geocode.valueName());
        if (scheme != null) {
          wanted.computeIfAbsent(scheme, s -> new ArrayList<>()).add(geocode.value());
        }
      }
    }
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    wanted.forEach((scheme, codes) -> found.put(scheme, zones.zonesWithCodes(scheme, codes)));
    return found;
  }

  private String reason(CapInfo.Geocode geocode) {
    String name = geocode.valueName() == null ? "(no valueName)" : geocode.valueName();
    String scheme = properties.schemeOf(geocode.valueName());
    if (scheme == null) {
      return "'" + CapReader.shorten(name) + "' is not understood: Tocsin resolves "
          + properties.zoneGeocode() + " and the codes of " + properties.geocodes().keySet()
          .stream().sorted().toList();
    }
    return scheme + " code '" + CapReader.shorten(geocode.value()) + "' names no zone of the "
        + "catalogue";
  }
}
