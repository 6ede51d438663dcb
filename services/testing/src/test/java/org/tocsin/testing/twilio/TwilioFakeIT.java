package org.tocsin.testing.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioFakeIT {

  private static final String BELGIAN_MOBILE = "+32470123456";

  private TwilioFake fake;
  private TwilioRestClient client;

  @BeforeEach
  void start() {
    fake = TwilioFake.start();
    client = clientFor(fake, fake.authToken());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void theRealSdkSendsAMessageThatTheFakeRecords() {
    Message message = Message.creator(new PhoneNumber(BELGIAN_MOBILE),
        new PhoneNumber("+32460000000"), "TEST – Tocsin: ceci est un test").create(client);

    assertThat(message.getSid()).startsWith("SM").hasSize(34);
    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(message.getDateCreated()).isNotNull();
    assertThat(fake.messagesTo(BELGIAN_MOBILE)).singleElement()
        .satisfies(sms -> assertThat(sms.body()).isEqualTo("TEST – Tocsin: ceci est un test"));
  }

  @Test
  void answers429WithError20429AboveTheRateLimit() {
    fake.rateLimitPerSecond(10);
    int accepted = 0;
    ApiException refusal = null;
    for (int i = 0; i < 50 && refusal == null; i++) {
      try {
        Message.creator(new PhoneNumber(BELGIAN_MOBILE), "MG" + "0".repeat(32), "burst " + i)
            .create(client);
        accepted++;
      } catch (ApiException e) {
        refusal = e;
      }
    }

    assertThat(refusal).isNotNull();
    assertThat(refusal.getStatusCode()).isEqualTo(429);
    assertThat(refusal.getCode()).isEqualTo(20429);
    assertThat(accepted).isBetween(1, 10);
    assertThat(fake.messageCount()).isEqualTo(accepted);
    assertThat(fake.rateLimitedCount()).isEqualTo(1);
  }

  @Test
  void failsTheConfiguredFractionOfRequestsWith5xx() {
    fake.failureRate(1.0);
    assertThatThrownBy(() -> Message.creator(new PhoneNumber(BELGIAN_MOBILE),
        new PhoneNumber("+32460000000"), "x").create(client))
        .isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(500));
    fake.failureRate(0);
    Message.creator(new PhoneNumber(BELGIAN_MOBILE), new PhoneNumber("+32460000000"), "y")
        .create(client);
    assertThat(fake.failedCount()).isEqualTo(1);
    assertThat(fake.messageCount()).isEqualTo(1);
  }

  @Test
  void refusesInvalidAndRefusedNumbersPermanentlyLikeTwilio() {
    fake.refuseNumber("+32470999999", 21610);
    assertThatThrownBy(() -> Message.creator(new PhoneNumber("0470 12 34 56"),
        new PhoneNumber("+32460000000"), "x").create(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21211));
    assertThatThrownBy(() -> Message.creator(new PhoneNumber("+32470999999"),
        new PhoneNumber("+32460000000"), "x").create(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21610));
    assertThat(fake.messageCount()).isZero();
  }

  @Test
  void refusesWrongCredentials() {
    TwilioRestClient impostor = clientFor(fake, "not-the-token");
    assertThatThrownBy(() -> Message.creator(new PhoneNumber(BELGIAN_MOBILE),
        new PhoneNumber("+32460000000"), "x").create(impostor))
        .isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(401));
    assertThat(fake.messageCount()).isZero();
  }

  @Test
  void callsStatusCallbacksWithASignatureTheSdkValidatorAccepts() throws Exception {
    List<Map<String, String>> callbacks = new CopyOnWriteArrayList<>();
    List<Boolean> signaturesValid = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    RequestValidator validator = new RequestValidator(fake.authToken());
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sms/status?task=t-1";
    receiver.createContext("/sms/status", exchange -> {
      Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8));
      signaturesValid.add(validator.validate(url, params,
          exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
      callbacks.add(params);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      fake.failDeliveryTo("+32470555555", "30003");
      Message delivered = Message.creator(new PhoneNumber(BELGIAN_MOBILE),
          new PhoneNumber("+32460000000"), "a").setStatusCallback(URI.create(url)).create(client);
      Message undelivered = Message.creator(new PhoneNumber("+32470555555"),
          new PhoneNumber("+32460000000"), "b").setStatusCallback(URI.create(url)).create(client);

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (callbacks.size() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(signaturesValid).hasSize(4).containsOnly(true);
      assertThat(callbacks).filteredOn(c -> c.get("MessageSid").equals(delivered.getSid()))
          .extracting(c -> c.get("MessageStatus")).containsExactly("sent", "delivered");
      assertThat(callbacks).filteredOn(c -> c.get("MessageSid").equals(undelivered.getSid()))
          .extracting(c -> c.get("MessageStatus") + "/" + c.get("ErrorCode"))
          .containsExactly("sent/null", "undelivered/30003");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void canBeReconfiguredAndInspectedOverHttpFromAnotherProcess() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> configured = http.send(HttpRequest.newBuilder(
            URI.create(fake.baseUrl() + "/fake/config"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("rateLimitPerSecond=5&failureRate=0.25"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(configured.body()).contains("\"rateLimitPerSecond\":5", "\"failureRate\":0.25");

    fake.failureRate(0).rateLimitPerSecond(0);
    Message.creator(new PhoneNumber(BELGIAN_MOBILE), new PhoneNumber("+32460000000"),
        "<b>Exercice</b>").create(client);
    HttpResponse<String> listed = http.send(HttpRequest.newBuilder(
        URI.create(fake.baseUrl() + "/fake/messages?to=%2B32470123456")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> inbox = http.send(HttpRequest.newBuilder(
        URI.create(fake.baseUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(listed.body()).contains("\"to\":\"+32470123456\"", "<b>Exercice</b>");
    assertThat(inbox.body()).contains("&lt;b&gt;Exercice&lt;/b&gt;").doesNotContain("<b>Ex");
  }

  /**
   * The real SDK with every request routed to the fake, and with its own retries (the SDK's
   * retry of 5xx answers, HttpClient's of 429 and 503) off so that each call is one request.
   */
  static TwilioRestClient clientFor(TwilioFake fake, String authToken) {
    HttpHost target = new HttpHost("http", "127.0.0.1", fake.port());
    NetworkHttpClient http = new NetworkHttpClient(HttpClients.custom()
        .disableAutomaticRetries()
        .setRoutePlanner((host, context) -> new HttpRoute(target))) {
      @Override
      public Response reliableRequest(Request request) {
        return makeRequest(request);
      }
    };
    return new TwilioRestClient.Builder(fake.accountSid(), authToken).httpClient(http).build();
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
    }
    return params;
  }
}
