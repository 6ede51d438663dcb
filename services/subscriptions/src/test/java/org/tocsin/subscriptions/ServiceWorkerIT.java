package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tocsin.testing.browser.BrowserPage;
import org.tocsin.testing.browser.CdpConnection;
import org.tocsin.testing.browser.Chromium;

/**
 * The citizen page's service worker in real headless Chromium: a push delivered to it through
 * the DevTools Protocol (as a push service would deliver dispatcher-push's payload) becomes a
 * notification with the alert's title, body, tag and page; an update with the same tag replaces
 * it; the page it opens is the alert's.
 */
@ServiceIT
class ServiceWorkerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Chromium chromium;
  private static HttpServer alertPages;

  @LocalServerPort
  int port;

  @BeforeAll
  static void browser() throws IOException {
    chromium = Chromium.start();
    // Stands in for the public alert page (services/alert-page) at the URL a push carries.
    alertPages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    alertPages.createContext("/alerts/", exchange -> {
      byte[] page = ("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>"
          + "Alert</title></head><body><h1>[OEFENING] Giftige rook</h1><p>Alert "
          + exchange.getRequestURI().getPath().substring("/alerts/".length())
          + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    alertPages.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
    if (alertPages != null) {
      alertPages.stop(0);
    }
  }

  @Test
  void aPushedAlertIsShownWithItsMarkedTitleSenderAndInstructionAndOpensItsPublicPage()
      throws Exception {
    String origin = "http://127.0.0.1:" + port;
    chromium.grantPermissions(origin, "notifications");
    BrowserPage page = chromium.newPage();
    page.send("ServiceWorker.enable", Map.of());
    page.navigate(origin + "/?lang=nl");
    page.evaluate("navigator.serviceWorker.register('/sw.js')"
        + ".then(() => navigator.serviceWorker.ready).then(() => true)");
    CdpConnection.Event registered = chromium.cdp().awaitEvent(
        "ServiceWorker.workerRegistrationUpdated", event -> scopeOf(event, origin) != null, WAIT);
    String registrationId = scopeOf(registered, origin).path("registrationId").asText();
    // A push reaches only an activated worker: wait until DevTools reports it so.
    chromium.cdp().awaitEvent("ServiceWorker.workerVersionUpdated",
        event -> activated(event, registrationId), WAIT);

    String alertId = UUID.randomUUID().toString();
    String alertPage = "http://127.0.0.1:" + alertPages.getAddress().getPort() + "/alerts/"
        + alertId + "?lang=nl";
    // DevTools drops a push delivered while the new worker is still starting; a push service
    // would deliver it again, and so does the test (the tag keeps it one notification).
    String first = payload(alertId, 1, "[OEFENING] Giftige rook",
        "Tocsin: Blijf binnen, sluit ramen en deuren.", alertPage);
    JsonNode shown = null;
    for (int attempt = 1; shown == null && attempt <= 5; attempt++) {
      deliver(page, origin, registrationId, first);
      try {
        shown = awaitNotifications(page, 1, Duration.ofSeconds(5));
      } catch (IllegalStateException notYet) {
        shown = null;
      }
    }
    assertThat(shown).as("a notification after at most five deliveries").isNotNull();
    assertThat(shown).singleElement().satisfies(notification -> {
      assertThat(notification.path("title").asText()).isEqualTo("[OEFENING] Giftige rook");
      assertThat(notification.path("body").asText()).startsWith("Tocsin: ")
          .isEqualTo("Tocsin: Blijf binnen, sluit ramen en deuren.");
      assertThat(notification.path("tag").asText()).isEqualTo(alertId);
      assertThat(notification.path("renotify").asBoolean()).isTrue();
      assertThat(notification.path("url").asText()).isEqualTo(alertPage);
    });

    deliver(page, origin, registrationId, payload(alertId, 2, "[OEFENING] Einde",
        "Tocsin: U mag weer naar buiten.", alertPage));
    JsonNode replaced = page.awaitTrue(notificationsScript()
        + ".then(all => all.length === 1 && all[0].title === '[OEFENING] Einde' ? all : null)",
        WAIT);
    assertThat(replaced).as("the update replaced the notification of the same alert").hasSize(1);

    BrowserPage opened = chromium.newPage().navigate(replaced.get(0).path("url").asText());
    assertThat(opened.evaluate("document.querySelector('h1').textContent").asText())
        .isEqualTo("[OEFENING] Giftige rook");
    Path screenshot = opened.screenshot(Path.of("target", "screenshots",
        "push-notification-opens-alert-page.png"));
    assertThat(Files.size(screenshot)).isPositive();
    opened.close();
    page.close();
  }

  private static JsonNode scopeOf(CdpConnection.Event event, String origin) {
    for (JsonNode registration : event.params().path("registrations")) {
      if (registration.path("scopeURL").asText().equals(origin + "/")
          && !registration.path("isDeleted").asBoolean()) {
        return registration;
      }
    }
    return null;
  }

  private static boolean activated(CdpConnection.Event event, String registrationId) {
    for (JsonNode version : event.params().path("versions")) {
      if (version.path("registrationId").asText().equals(registrationId)
          && version.path("status").asText().equals("activated")) {
        return true;
      }
    }
    return false;
  }

  private static void deliver(BrowserPage page, String origin, String registrationId,
                              String data) {
    page.send("ServiceWorker.deliverPushMessage", Map.of("origin", origin,
        "registrationId", registrationId, "data", data));
  }

  private static JsonNode awaitNotifications(BrowserPage page, int count, Duration within) {
    return page.awaitTrue(notificationsScript() + ".then(all => all.length === " + count
        + " ? all : null)", within);
  }

  private static String notificationsScript() {
    return "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(all => all.map("
        + "n => ({title: n.title, body: n.body, tag: n.tag, renotify: n.renotify, lang: n.lang,"
        + " url: n.data && n.data.url})))";
  }

  /** The payload as dispatcher-push renders it (see its PushRenderer). */
  private static String payload(String alertId, int version, String title, String body,
                                String url) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", "alert");
    fields.put("title", title);
    fields.put("body", body);
    fields.put("tag", alertId);
    fields.put("renotify", true);
    fields.put("lang", "nl");
    fields.put("requireInteraction", false);
    fields.put("url", url);
    fields.put("alertId", alertId);
    fields.put("version", version);
    return JSON.writeValueAsString(fields);
  }
}
