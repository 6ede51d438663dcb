package org.tocsin.testing.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local fake of Twilio's Messages API, for the real Twilio SDK to talk to in tests, benchmarks
 * and the local stack. It checks credentials and parameters like Twilio, records every accepted
 * message, and can be told to misbehave: a messages-per-second limit answered with HTTP 429 /
 * error 20429, a fraction of requests failing with 5xx, added latency, numbers that are refused
 * permanently. It calls status callbacks (signed with {@code X-Twilio-Signature} like Twilio)
 * with {@code sent} then {@code delivered}, or {@code undelivered} for numbers told to.
 *
 * <p>Besides Twilio's own paths it serves {@code GET /} (an inbox page), {@code GET
 * /fake/messages[?to=]} (JSON), {@code DELETE /fake/messages}, {@code GET /fake/stats} and
 * {@code POST /fake/config} (form fields {@code rateLimitPerSecond}, {@code failureRate},
 * {@code latencyMillis}) for use from other processes.
 */
public final class TwilioFake implements AutoCloseable {

  public static final String DEFAULT_ACCOUNT_SID = "AC" + "7f0c51a0e0b44c0fa4d5b2a0c0ffee01";
  public static final String DEFAULT_AUTH_TOKEN = "tocsin-fake-auth-token";

  private static final Pattern MESSAGES_PATH =
      Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final int MAX_BODY_CHARACTERS = 1600;

  private final String accountSid;
  private final String authToken;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient callbackClient = HttpClient.newBuilder()
      .executor(executor).connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  private final ConcurrentLinkedQueue<SentSms> accepted = new ConcurrentLinkedQueue<>();
  /** The size of {@code accepted}, which a ConcurrentLinkedQueue can only count in O(n). */
  private final AtomicInteger acceptedCount = new AtomicInteger();
  private final Map<String, Integer> refusedNumbers = new ConcurrentHashMap<>();
  private final Map<String, String> undeliverableNumbers = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong callbacksSent = new AtomicLong();
  private final AtomicLong callbacksFailed = new AtomicLong();

  private volatile Bucket rateLimit;
  private volatile int rateLimitPerSecond;
  private volatile double failureRate;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration callbackDelay = Duration.ofMillis(50);

  private TwilioFake(String host, int port, String accountSid, String authToken) {
    this.accountSid = accountSid;
    this.authToken = authToken;
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the Twilio fake on port " + port, e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts the fake on a free loopback port with the default credentials. */
  public static TwilioFake start() {
    return start("127.0.0.1", 0, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
  }

  public static TwilioFake start(String host, int port, String accountSid, String authToken) {
    return new TwilioFake(host, port, accountSid, authToken);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Base URL of the fake, to which a Twilio client's requests are routed. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String accountSid() {
    return accountSid;
  }

  public String authToken() {
    return authToken;
  }

  // ---- behaviour -------------------------------------------------------------------------

  /** Accept at most this many messages per second (0: no limit); above it answer 429/20429. */
  public TwilioFake rateLimitPerSecond(int messagesPerSecond) {
    this.rateLimitPerSecond = messagesPerSecond;
    this.rateLimit = messagesPerSecond <= 0 ? null : Bucket.builder()
        .addLimit(Bandwidth.builder()
            // A tenth of a second of burst: about what Twilio's own queue smooths out.
            .capacity(Math.max(1, messagesPerSecond / 10))
            .refillGreedy(messagesPerSecond, Duration.ofSeconds(1))
            .build())
        .build();
    return this;
  }

  /** Fail this fraction (0..1) of message requests with HTTP 500 / error 20500. */
  public TwilioFake failureRate(double fraction) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("failure rate must be within 0..1: " + fraction);
    }
    this.failureRate = fraction;
    return this;
  }

  /** Answer every message request only after this delay. */
  public TwilioFake latency(Duration delay) {
    this.latency = Objects.requireNonNull(delay);
    return this;
  }

  /** Delay between accepting a message and its status callbacks. */
  public TwilioFake callbackDelay(Duration delay) {
    this.callbackDelay = Objects.requireNonNull(delay);
    return this;
  }

  /**
   * Refuse messages to this number with HTTP 400 and this Twilio error code, e.g. 21610
   * (unsubscribed recipient) or 21614 (not a mobile number).
   */
  public TwilioFake refuseNumber(String number, int errorCode) {
    refusedNumbers.put(number, errorCode);
    return this;
  }

  /** Accept messages to this number but report them {@code undelivered} with this error code. */
  public TwilioFake failDeliveryTo(String number, String errorCode) {
    undeliverableNumbers.put(number, errorCode);
    return this;
  }

  /** Forgets every recorded message and counter, and every misbehaviour. */
  public void reset() {
    accepted.clear();
    acceptedCount.set(0);
    refusedNumbers.clear();
    undeliverableNumbers.clear();
    requests.set(0);
    rateLimited.set(0);
    failed.set(0);
    refused.set(0);
    callbacksSent.set(0);
    callbacksFailed.set(0);
    rateLimitPerSecond(0);
    failureRate(0);
    latency(Duration.ZERO);
  }

  // ---- what happened ---------------------------------------------------------------------

  public List<SentSms> messages() {
    return List.copyOf(accepted);
  }

  public List<SentSms> messagesTo(String number) {
    return accepted.stream().filter(sms -> sms.to().equals(number)).toList();
  }

  public int messageCount() {
    return acceptedCount.get();
  }

  /** Message requests received, whatever their answer. */
  public long requestCount() {
    return requests.get();
  }

  public long rateLimitedCount() {
    return rateLimited.get();
  }

  public long failedCount() {
    return failed.get();
  }

  public long refusedCount() {
    return refused.get();
  }

  public long callbacksSent() {
    return callbacksSent.get();
  }

  /** Waits until at least {@code count} messages were accepted. */
  public void awaitMessageCount(int count, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acceptedCount.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("The Twilio fake got " + acceptedCount.get() + " of " + count
            + " messages in " + timeout);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    callbackClient.close();
  }

  // ---- HTTP --------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher messages = MESSAGES_PATH.matcher(path);
      if (messages.matches() && method.equals("POST")) {
        createMessage(exchange, messages.group(1));
      } else if (path.equals("/fake/messages") && method.equals("GET")) {
        listMessages(exchange);
      } else if (path.equals("/fake/messages") && method.equals("DELETE")) {
        accepted.clear();
        acceptedCount.set(0);
        send(exchange, 204, null, null);
      } else if (path.equals("/fake/stats") && method.equals("GET")) {
        sendJson(exchange, 200, stats());
      } else if (path.equals("/fake/config") && method.equals("POST")) {
        configure(parseForm(exchange.getRequestBody()));
        sendJson(exchange, 200, stats());
      } else if (path.equals("/") && method.equals("GET")) {
        send(exchange, 200, "text/html; charset=utf-8",
            inboxPage().getBytes(StandardCharsets.UTF_8));
      } else {
        sendJson(exchange, 404, error(20404, "The requested resource " + path
            + " was not found", 404));
      }
    } catch (RuntimeException e) {
      sendJson(exchange, 500, error(20500, "Internal Server Error", 500));
    }
  }

  private void createMessage(HttpExchange exchange, String pathAccountSid) throws IOException {
    requests.incrementAndGet();
    Map<String, String> form = parseForm(exchange.getRequestBody());
    if (!authenticated(exchange.getRequestHeaders().getFirst("Authorization"))) {
      sendJson(exchange, 401, error(20003, "Authenticate", 401));
      return;
    }
    if (!pathAccountSid.equals(accountSid)) {
      sendJson(exchange, 404, error(20404, "The requested resource was not found", 404));
      return;
    }
    pause(latency);
    Bucket bucket = rateLimit;
    if (bucket != null && !bucket.tryConsume(1)) {
      rateLimited.incrementAndGet();
      sendJson(exchange, 429, error(20429, "Too Many Requests", 429));
      return;
    }
    if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
      failed.incrementAndGet();
      sendJson(exchange, 500, error(20500, "Internal Server Error", 500));
      return;
    }
    String to = form.get("To");
    String from = form.get("From");
    String messagingServiceSid = form.get("MessagingServiceSid");
    String body = form.get("Body");
    Map<String, Object> problem = null;
    if (to == null || !E164.matcher(to).matches()) {
      problem = error(21211, "Invalid 'To' Phone Number: " + to, 400);
    } else if (from == null && messagingServiceSid == null) {
      problem = error(21603, "A 'From' phone number is required.", 400);
    } else if (body == null || body.isEmpty()) {
      problem = error(21602, "Message body is required.", 400);
    } else if (body.length() > MAX_BODY_CHARACTERS) {
      problem = error(21617, "The concatenated message body exceeds the 1600 character limit.",
          400);
    } else if (refusedNumbers.containsKey(to)) {
      problem = error(refusedNumbers.get(to), "The message To number was refused.", 400);
    }
    if (problem != null) {
      refused.incrementAndGet();
      sendJson(exchange, 400, problem);
      return;
    }
    SentSms sms = new SentSms("SM" + HexFormat.of().formatHex(randomBytes()), accountSid, to,
        from, messagingServiceSid, body, form.get("StatusCallback"), Instant.now());
    accepted.add(sms);
    acceptedCount.incrementAndGet();
    sendJson(exchange, 201, messageResource(sms));
    if (sms.statusCallback() != null) {
      executor.execute(() -> reportStatus(sms));
    }
  }

  private boolean authenticated(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    String credentials = new String(Base64.getDecoder().decode(authorization.substring(6)),
        StandardCharsets.UTF_8);
    return credentials.equals(accountSid + ":" + authToken);
  }

  private void reportStatus(SentSms sms) {
    pause(callbackDelay);
    postCallback(sms, "sent", null);
    String errorCode = undeliverableNumbers.get(sms.to());
    postCallback(sms, errorCode == null ? "delivered" : "undelivered", errorCode);
  }

  private void postCallback(SentSms sms, String status, String errorCode) {
    Map<String, String> params = new TreeMap<>();
    params.put("AccountSid", sms.accountSid());
    params.put("ApiVersion", "2010-04-01");
    params.put("MessageSid", sms.sid());
    params.put("SmsSid", sms.sid());
    params.put("MessageStatus", status);
    params.put("SmsStatus", status);
    params.put("To", sms.to());
    params.put("From", sms.from() == null ? sms.messagingServiceSid() : sms.from());
    if (sms.messagingServiceSid() != null) {
      params.put("MessagingServiceSid", sms.messagingServiceSid());
    }
    if (errorCode != null) {
      params.put("ErrorCode", errorCode);
    }
    String body = params.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(sms.statusCallback()))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature(sms.statusCallback(), params))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<Void> response =
          callbackClient.send(request, HttpResponse.BodyHandlers.discarding());
      (response.statusCode() < 300 ? callbacksSent : callbacksFailed).incrementAndGet();
    } catch (IOException e) {
      callbacksFailed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Twilio's request signature: HMAC-SHA1 over the URL followed by the sorted parameters. */
  String signature(String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  private void configure(Map<String, String> form) {
    if (form.containsKey("rateLimitPerSecond")) {
      rateLimitPerSecond(Integer.parseInt(form.get("rateLimitPerSecond")));
    }
    if (form.containsKey("failureRate")) {
      failureRate(Double.parseDouble(form.get("failureRate")));
    }
    if (form.containsKey("latencyMillis")) {
      latency(Duration.ofMillis(Long.parseLong(form.get("latencyMillis"))));
    }
  }

  private void listMessages(HttpExchange exchange) throws IOException {
    String to = parseForm(exchange.getRequestURI().getRawQuery()).get("to");
    List<Map<String, Object>> resources = new ArrayList<>();
    for (SentSms sms : accepted) {
      if (to == null || to.equals(sms.to())) {
        resources.add(messageResource(sms));
      }
    }
    sendJson(exchange, 200, Map.of("messages", resources));
  }

  private Map<String, Object> stats() {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("requests", requests.get());
    stats.put("accepted", acceptedCount.get());
    stats.put("rateLimited", rateLimited.get());
    stats.put("failed", failed.get());
    stats.put("refused", refused.get());
    stats.put("callbacksSent", callbacksSent.get());
    stats.put("callbacksFailed", callbacksFailed.get());
    stats.put("rateLimitPerSecond", rateLimitPerSecond);
    stats.put("failureRate", failureRate);
    stats.put("latencyMillis", latency.toMillis());
    return stats;
  }

  private Map<String, Object> messageResource(SentSms sms) {
    Map<String, Object> resource = new LinkedHashMap<>();
    String created = RFC_2822.format(sms.acceptedAt());
    resource.put("sid", sms.sid());
    resource.put("account_sid", sms.accountSid());
    resource.put("messaging_service_sid", sms.messagingServiceSid());
    resource.put("to", sms.to());
    resource.put("from", sms.from());
    resource.put("body", sms.body());
    resource.put("status", sms.messagingServiceSid() == null ? "queued" : "accepted");
    resource.put("direction", "outbound-api");
    resource.put("api_version", "2010-04-01");
    resource.put("num_media", "0");
    resource.put("price", null);
    resource.put("price_unit", "USD");
    resource.put("error_code", null);
    resource.put("error_message", null);
    resource.put("date_created", created);
    resource.put("date_updated", created);
    resource.put("date_sent", null);
    resource.put("uri", "/2010-04-01/Accounts/" + sms.accountSid() + "/Messages/" + sms.sid()
        + ".json");
    return resource;
  }

  private static Map<String, Object> error(int code, String message, int status) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    error.put("status", status);
    return error;
  }

  private String inboxPage() {
    StringBuilder rows = new StringBuilder();
    List<SentSms> newestFirst = new ArrayList<>(accepted);
    java.util.Collections.reverse(newestFirst);
    newestFirst.stream().limit(500).forEach(sms -> rows.append("<tr><td>")
        .append(escapeHtml(sms.acceptedAt().toString())).append("</td><td>")
        .append(escapeHtml(sms.to())).append("</td><td>")
        .append(escapeHtml(Objects.requireNonNullElse(sms.from(), sms.messagingServiceSid())))
        .append("</td><td>").append(escapeHtml(sms.body())).append("</td></tr>\n"));
    return """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="refresh" content="3"><title>SMS inbox (Twilio fake)</title>
        <style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}</style>
        </head><body><h1>SMS inbox of the Twilio fake</h1>
        <p>%d messages accepted (newest 500 shown), %d refused with 429.</p>
        <table><thead><tr><th>accepted</th><th>to</th><th>from</th><th>body</th></tr></thead>
        <tbody>%s</tbody></table></body></html>
        """.formatted(acceptedCount.get(), rateLimited.get(), rows);
  }

  private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> parseForm(InputStream body) throws IOException {
    return parseForm(new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  private static Map<String, String> parseForm(String encoded) {
    Map<String, String> form = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return form;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      form.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String escapeHtml(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;")
        .replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
