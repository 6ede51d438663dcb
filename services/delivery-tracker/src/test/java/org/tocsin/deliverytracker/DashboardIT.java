package org.tocsin.deliverytracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.deliverytracker.support.Alerts;
import org.tocsin.deliverytracker.support.TrackerHarness;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.testing.browser.BrowserPage;
import org.tocsin.testing.browser.Chromium;

/** The dashboard in real headless Chromium, fed by the tracker's event stream. */
class DashboardIT extends TrackerHarness {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static Chromium chromium;

  @BeforeAll
  static void startChromium() {
    chromium = Chromium.start();
  }

  @AfterAll
  static void stopChromium() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void anAlertsProgressMovesWhileItsSendRunsAndExercisesAreMarked() throws Exception {
    String actual = "TOCSIN-" + UUID.randomUUID();
    String exercise = "TOCSIN-" + UUID.randomUUID();
    Instant issued = Instant.now();
    events.send(topics.alerts(), actual, Alerts.alert(actual, AlertStatus.ACTUAL, issued,
        List.of("brussels")));
    events.send(topics.alerts(), exercise, Alerts.alert(exercise, AlertStatus.EXERCISE, issued,
        List.of("brussels")));
    fanOut(actual, 100);
    fanOut(exercise, 10);
    sent(actual, 0, 30);
    events.flush();

    BrowserPage page = chromium.newPage();
    page.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 1000,
        "deviceScaleFactor", 1, "mobile", false));
    page.navigate(url("/"));
    page.evaluate("sessionStorage.setItem('tocsin-token', '" + operator() + "')");
    page.navigate(url("/index.html"));
    page.awaitTrue("document.getElementById('connection').textContent === 'live'", SHOWN_WITHIN);
    page.awaitTrue(row(exercise) + "?.classList.contains('exercise') === true"
        + " && " + row(exercise) + ".querySelector('.badge').textContent === 'EXERCISE'"
        + " && " + row(actual) + "?.classList.contains('exercise') === false", SHOWN_WITHIN);
    assertThat(page.evaluate(row(actual) + ".querySelector('.badge').textContent").asText())
        .isEqualTo("ACTUAL");
    page.awaitTrue(row(actual) + ".querySelector('.count').textContent.startsWith('30 / 100')",
        SHOWN_WITHIN);
    page.screenshot(SCREENSHOTS.resolve("dashboard-overview.png"));

    page.navigate(url("/index.html?#alert=" + actual));
    page.awaitTrue(sentFigure() + " === '30'", SHOWN_WITHIN);
    sent(actual, 30, 80);
    events.flush();
    page.awaitTrue(sentFigure() + " === '80'", SHOWN_WITHIN);
    assertThat(page.evaluate("document.querySelector('#alert-channels .parts td')?.textContent")
        .asText()).isEqualTo("brussels");
    assertThat(page.evaluate("document.querySelectorAll('#alert-channels .uplot').length")
        .asInt()).isEqualTo(1);
    Path screenshot = page.screenshot(SCREENSHOTS.resolve("dashboard-alert.png"));
    assertThat(Files.size(screenshot)).isPositive();
  }

  private static String row(String alertId) {
    return "document.querySelector('tr[data-alert=\"" + alertId + "\"]')";
  }

  private static String sentFigure() {
    return "document.querySelector('#alert-channels [data-channel=SMS] b.sent')?.textContent";
  }

  private void fanOut(String alertId, long targeted) {
    events.send(topics.deliveryStatus(), "fanout/" + alertId, status(alertId,
        "fanout/" + alertId + "/1/SMS", DeliveryOutcome.FANNED_OUT).setFanOut(FanOutReport
        .newBuilder().setTargeted(targeted).setTargetedByZone(Map.of("brussels", targeted))
        .setMatchingMillis(1).setDurationMillis(2).build()).build());
  }

  private void sent(String alertId, int from, int to) {
    for (int i = from; i < to; i++) {
      String task = UUID.nameUUIDFromBytes((alertId + i).getBytes()).toString();
      events.send(topics.deliveryStatus(), task, status(alertId, task, DeliveryOutcome.SENT)
          .setSubscriberId("sub-" + i).setZoneIds(List.of("brussels"))
          .setProvider("twilio-primary").setProviderMessageId("SM" + i).build());
    }
  }

  private static DeliveryStatus.Builder status(String alertId, String taskId,
                                               DeliveryOutcome outcome) {
    return DeliveryStatus.newBuilder().setTaskId(taskId).setOutcome(outcome)
        .setAt(Instant.now()).setChannel(Channel.SMS).setLane(Lane.HIGH)
        .setKind(TaskKind.ALERT).setAlertId(alertId).setAlertVersion(1).setSubscriberId(null)
        .setZoneIds(List.of()).setAttempt(1).setProvider(null).setProviderMessageId(null)
        .setErrorCode(null).setReason(null).setFanOut(null);
  }
}
