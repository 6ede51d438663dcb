package org.tocsin.testing.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A local Web Push service (RFC 8030) for tests, benchmarks and the local stack. It hands out
 * subscriptions with keys of its own, and for every push checks the headers ({@code TTL},
 * {@code Content-Encoding: aes128gcm}, at most 4,096 bytes), the VAPID token
 * ({@link VapidCheck}: signature, {@code aud}, {@code exp}, {@code sub}, key), and decrypts the
 * body with the subscription's private key ({@link Aes128gcmDecryption}), as a browser would.
 * It answers 201 with a {@code Location}, or what a real push service answers: 400, 401, 403,
 * 404 (unknown subscription), 410 (expired), 413; and it can be told to misbehave: a
 * subscription gone or refused, 429 with {@code Retry-After} for a while, a fraction of 5xx
 * answers, slow answers.
 *
 * <p>Besides {@code POST /push/<id>} it serves {@code GET /} (an inbox page of the decrypted
 * pushes), {@code POST /fake/subscriptions} (JSON {@code {"applicationServerKey": ...}}, answers
 * a browser's {@code PushSubscription.toJSON()}), {@code GET|DELETE /fake/pushes} and
 * {@code GET /fake/stats}, for use from other processes.
 */
public final class PushServiceFake implements AutoCloseable {

  /** What every push service accepts at least (RFC 8030 section 7.2). */
  public static final int MAX_BODY_BYTES = 4096;
  private static final Pattern PUSH_PATH = Pattern.compile("^/push/([A-Za-z0-9_-]+)$");

  private final HttpServer server;
  private final String origin;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, FakeSubscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, Integer> answers = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<ReceivedPush> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger receivedCount = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final Map<Integer, AtomicLong> refusals = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Instant> requestTimes = new ConcurrentLinkedQueue<>();

  private volatile boolean keepPayloads = true;
  private volatile double failureRate;
  private volatile Duration latency = Duration.ZERO;
  private volatile Instant rateLimitedUntil = Instant.MIN;
  private volatile Duration retryAfter = Duration.ZERO;

  private PushServiceFake(String host, int port, String publicBaseUrl) {
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the push service fake on port " + port, e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.origin = publicBaseUrl != null ? publicBaseUrl.replaceAll("/+$", "")
        : "http://" + host + ":" + server.getAddress().getPort();
  }

  /** Starts the fake on a free loopback port. */
  public static PushServiceFake start() {
    return start("127.0.0.1", 0, null);
  }

  /**
   * @param publicBaseUrl the origin its endpoints are reached at (the {@code aud} a token must
   *     name); null: {@code http://host:port}
   */
  public static PushServiceFake start(String host, int port, String publicBaseUrl) {
    return new PushServiceFake(host, port, publicBaseUrl);
  }

  /** The origin of its endpoints, e.g. {@code http://127.0.0.1:41234}. */
  public String origin() {
    return origin;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  // ---- subscriptions and behaviour ---------------------------------------------------------

  /** A new subscription for pushes signed with any VAPID key. */
  public FakeSubscription subscribe() {
    return subscribe(null);
  }

  /** A new subscription that accepts only pushes signed with this VAPID public key. */
  public FakeSubscription subscribe(String applicationServerKey) {
    KeyPair pair = FakeKeys.newPair();
    String id = UUID.randomUUID().toString().replace("-", "");
    FakeSubscription subscription = new FakeSubscription(id, origin + "/push/" + id,
        FakeKeys.base64Url(FakeKeys.uncompressed((ECPublicKey) pair.getPublic())),
        FakeKeys.base64Url(FakeKeys.newAuthSecret()), (ECPrivateKey) pair.getPrivate(),
        applicationServerKey);
    subscriptions.put(id, subscription);
    return subscription;
  }

  /**
   * Another subscription with the keys of this one (a fake shortcut for benchmarks: P-256 key
   * pairs for a hundred thousand subscribers take a while).
   */
  public FakeSubscription subscribeLike(FakeSubscription keys) {
    String id = UUID.randomUUID().toString().replace("-", "");
    FakeSubscription subscription = new FakeSubscription(id, origin + "/push/" + id,
        keys.p256dh(), keys.auth(), keys.privateKey(), keys.applicationServerKey());
    subscriptions.put(id, subscription);
    return subscription;
  }

  /** The subscription whose endpoint this is. */
  public FakeSubscription subscriptionAt(String endpoint) {
    String id = endpoint.substring(endpoint.lastIndexOf('/') + 1);
    FakeSubscription subscription = subscriptions.get(id);
    if (subscription == null || !subscription.endpoint().equals(endpoint)) {
      throw new IllegalArgumentException("No subscription of this fake at " + endpoint);
    }
    return subscription;
  }

  /** Answers every push to this subscription with this status (404, 410, 413...). */
  public PushServiceFake answer(FakeSubscription subscription, int status) {
    answers.put(subscription.id(), status);
    return this;
  }

  /** Answers 429 with {@code Retry-After: <retryAfter>} to every push for {@code period}. */
  public PushServiceFake rateLimitFor(Duration period, Duration retryAfter) {
    this.retryAfter = retryAfter;
    this.rateLimitedUntil = Instant.now().plus(period);
    return this;
  }

  /** Fails this fraction (0..1) of pushes with 503. */
  public PushServiceFake failureRate(double fraction) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("failure rate must be within 0..1: " + fraction);
    }
    this.failureRate = fraction;
    return this;
  }

  /** Answers every push only after this delay. */
  public PushServiceFake latency(Duration delay) {
    this.latency = Objects.requireNonNull(delay);
    return this;
  }

  /** Whether accepted pushes are kept (true) or only counted (for long benchmarks). */
  public PushServiceFake keepPayloads(boolean keep) {
    this.keepPayloads = keep;
    return this;
  }

  /** Forgets every push and counter and every misbehaviour; subscriptions stay. */
  public void reset() {
    received.clear();
    receivedCount.set(0);
    requests.set(0);
    refusals.clear();
    requestTimes.clear();
    answers.clear();
    failureRate = 0;
    latency = Duration.ZERO;
    rateLimitedUntil = Instant.MIN;
  }

  // ---- what happened -----------------------------------------------------------------------

  public List<ReceivedPush> pushes() {
    return List.copyOf(received);
  }

  public List<ReceivedPush> pushesTo(FakeSubscription subscription) {
    return received.stream().filter(push -> push.subscriptionId().equals(subscription.id()))
        .toList();
  }

  public int pushCount() {
    return receivedCount.get();
  }

  /** Push requests received, whatever their answer. */
  public long requestCount() {
    return requests.get();
  }

  /** When each push request arrived. */
  public List<Instant> requestTimes() {
    return List.copyOf(requestTimes);
  }

  /** Requests answered with this status. */
  public long answered(int status) {
    AtomicLong count = refusals.get(status);
    return count == null ? 0 : count.get();
  }

  public void awaitPushCount(int count, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (receivedCount.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("The push service fake got " + receivedCount.get() + " of "
            + count + " pushes in " + timeout);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- HTTP --------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      var push = PUSH_PATH.matcher(path);
      if (push.matches() && method.equals("POST")) {
        receive(exchange, push.group(1));
      } else if (path.equals("/fake/subscriptions") && method.equals("POST")) {
        JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
        String key = request == null ? null : request.path("applicationServerKey").asText(null);
        FakeSubscription subscription = subscribe(key);
        sendJson(exchange, 201, Map.of("id", subscription.id(),
            "endpoint", subscription.endpoint(), "expirationTime", "",
            "keys", Map.of("p256dh", subscription.p256dh(), "auth", subscription.auth())));
      } else if (path.equals("/fake/pushes") && method.equals("GET")) {
        sendJson(exchange, 200, received.stream().map(this::asJson).toList());
      } else if (path.equals("/fake/pushes") && method.equals("DELETE")) {
        received.clear();
        receivedCount.set(0);
        send(exchange, 204, null, null);
      } else if (path.equals("/fake/stats") && method.equals("GET")) {
        sendJson(exchange, 200, Map.of("requests", requests.get(),
            "pushes", receivedCount.get(), "subscriptions", subscriptions.size()));
      } else if (path.equals("/") && method.equals("GET")) {
        send(exchange, 200, "text/html; charset=utf-8",
            PushInboxPage.render(origin, pushes()).getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 404, null, null);
      }
    } catch (RuntimeException e) {
      send(exchange, 500, null, null);
    }
  }

  private void receive(HttpExchange exchange, String id) throws IOException {
    requests.incrementAndGet();
    requestTimes.add(Instant.now());
    byte[] body = exchange.getRequestBody().readAllBytes();
    pause(latency);
    FakeSubscription subscription = subscriptions.get(id);
    if (subscription == null) {
      refuse(exchange, 404, null, "no such subscription");
      return;
    }
    Integer answer = answers.get(id);
    if (answer != null) {
      refuse(exchange, answer, null, "told to answer " + answer);
      return;
    }
    if (Instant.now().isBefore(rateLimitedUntil)) {
      refuse(exchange, 429, String.valueOf(Math.max(0, retryAfter.toSeconds())),
          "too many requests");
      return;
    }
    if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
      refuse(exchange, 503, null, "unavailable");
      return;
    }
    PushRequestCheck.Outcome checked = PushRequestCheck.check(exchange.getRequestHeaders(), body,
        origin, subscription, Instant.now());
    if (checked.refusal() != null) {
      refuse(exchange, checked.status(), null, checked.refusal());
      return;
    }
    String messageId = UUID.randomUUID().toString();
    if (keepPayloads) {
      received.add(checked.push(id, Instant.now()));
    }
    receivedCount.incrementAndGet();
    exchange.getResponseHeaders().set("Location", origin + "/message/" + messageId);
    send(exchange, 201, null, null);
  }

  private void refuse(HttpExchange exchange, int status, String retryAfterSeconds, String reason)
      throws IOException {
    refusals.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
    if (retryAfterSeconds != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds);
    }
    sendJson(exchange, status, Map.of("code", status, "reason", reason));
  }

  private Map<String, Object> asJson(ReceivedPush push) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subscriptionId", push.subscriptionId());
    out.put("payload", push.payload());
    out.put("ttl", push.ttl());
    out.put("urgency", push.urgency());
    out.put("topic", push.topic());
    out.put("receivedAt", push.receivedAt().toString());
    return out;
  }

  private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
    if (body != null) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void pause(Duration delay) {
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
