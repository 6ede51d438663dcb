package org.tocsin.systemtest;

import java.util.List;
import java.util.Map;

/** The operators' side: alert-intake's API, called with Keycloak access tokens. */
final class AlertIntakeApi {

  private final JsonHttp http;
  private final String alertsUrl;

  AlertIntakeApi(JsonHttp http, String alertIntakeUrl) {
    this.http = http;
    this.alertsUrl = alertIntakeUrl + "/api/v1/alerts";
  }

  JsonHttp.Response draft(String token, Map<String, Object> alert) {
    return http.postJson(alertsUrl, token, alert);
  }

  JsonHttp.Response issue(String token, String alertId) {
    return http.post(alertsUrl + "/" + alertId + "/issue", token);
  }

  /** Releases the message awaiting approval, bound to the content hash the approver saw. */
  JsonHttp.Response approve(String token, String alertId, String contentHash) {
    return http.postJson(alertsUrl + "/" + alertId + "/approve", token,
        Map.of("contentHash", contentHash));
  }

  JsonHttp.Response list(String token) {
    return http.get(alertsUrl, token);
  }

  /**
   * An alert for the polygon given as longitude/latitude pairs (closed), with an SMS text per
   * language of the form {@code "<prefix> <language>"} so each recipient's language shows.
   */
  static Map<String, Object> alert(String status, String severity, String smsTextPrefix,
                                   List<List<Double>> ring) {
    List<Map<String, Object>> infos = List.of("nl", "fr", "de", "en").stream()
        .map(language -> Map.<String, Object>of(
            "language", language,
            "headline", smsTextPrefix + " " + language,
            "description", "System test of the Docker stack (" + language + ").",
            "instruction", "No action needed.",
            "smsText", smsTextPrefix + " " + language))
        .toList();
    return Map.of(
        "status", status,
        "categories", List.of("SAFETY"),
        "event", "System test",
        "urgency", "IMMEDIATE",
        "severity", severity,
        "certainty", "OBSERVED",
        "infos", infos,
        "area", Map.of(
            "description", "System test area",
            "polygons", List.of(Map.of("type", "Polygon", "coordinates", List.of(ring))),
            "circles", List.of(),
            "zoneIds", List.of()));
  }
}
