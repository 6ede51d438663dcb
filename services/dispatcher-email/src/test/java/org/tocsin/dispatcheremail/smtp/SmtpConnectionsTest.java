package org.tocsin.dispatcheremail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcheremail.smtp.SmtpEmailGatewayTest.gateway;
import static org.tocsin.dispatcheremail.smtp.SmtpEmailGatewayTest.relay;
import static org.tocsin.dispatcheremail.smtp.SmtpEmailGatewayTest.task;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Severity;

/** Reused SMTP connections against real servers: GreenMail, and a scripted one that drops. */
class SmtpConnectionsTest {

  private static final Duration LONG = Duration.ofMinutes(5);

  @Test
  void eachConnectionCarriesUpToItsMaximumOfMessagesAndIsThenClosedPolitely() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer();
         SmtpConnections pool = new SmtpConnections(relay(server.port(), null, null), 1, 4,
             LONG, LONG)) {
      SmtpEmailGateway gateway = gateway(pool);

      List<SendResult> results = IntStream.range(0, 10)
          .mapToObj(i -> gateway.send(task("c" + i + "@example.be", AlertStatus.ACTUAL,
              Severity.MINOR))).toList();

      assertThat(results).allSatisfy(result ->
          assertThat(result).isInstanceOf(SendResult.Accepted.class));
      assertThat(server.accepted()).isEqualTo(10);
      assertThat(server.connections()).as("4 + 4 + 2 messages").isEqualTo(3);
      assertThat(pool.open()).isEqualTo(1);
    }
  }

  @Test
  void concurrentSendersShareAtMostTheConfiguredConnectionsAndEveryMailArrivesOnce()
      throws Exception {
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    greenMail.start();
    int mails = 400;
    try (SmtpConnections pool = new SmtpConnections(
        relay(greenMail.getSmtp().getPort(), null, null), 4, 50, LONG, LONG);
         ExecutorService senders = Executors.newFixedThreadPool(4)) {
      SmtpEmailGateway gateway = gateway(pool);
      List<Future<SendResult>> results = IntStream.range(0, mails)
          .mapToObj(i -> senders.submit(() -> {
            SendResult result = gateway.send(task("c" + i + "@example.be", AlertStatus.ACTUAL,
                Severity.MINOR));
            assertThat(pool.open()).isLessThanOrEqualTo(4);
            return result;
          })).toList();
      for (Future<SendResult> result : results) {
        assertThat(result.get()).isInstanceOf(SendResult.Accepted.class);
      }

      MimeMessage[] received = greenMail.getReceivedMessages();
      assertThat(received).hasSize(mails);
      assertThat(Arrays.stream(received).map(SmtpConnectionsTest::messageId).distinct())
          .hasSize(mails);
    } finally {
      greenMail.stop();
    }
  }

  @Test
  void aConnectionDroppedWhileIdleIsReplacedBeforeItCarriesAMessage() {
    GreenMail first = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    first.start();
    int port = first.getSmtp().getPort();
    // Checked before every message: the check, not the time since the drop, is what is tested.
    try (SmtpConnections pool = new SmtpConnections(relay(port, null, null), 1, 100, LONG,
        Duration.ZERO)) {
      SmtpEmailGateway gateway = gateway(pool);
      assertThat(gateway.send(task("before@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(pool.open()).isEqualTo(1);
      first.stop();
      GreenMail second = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
      second.start();
      try {
        assertThat(gateway.send(task("after@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
            .isInstanceOf(SendResult.Accepted.class);
        assertThat(second.getReceivedMessages()).hasSize(1);
      } finally {
        second.stop();
      }
    }
  }

  @Test
  void aMessageOnAConnectionDroppedUnnoticedFailsTransientlyAndTheNextOneGetsAFreshConnection() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer();
         SmtpConnections pool = new SmtpConnections(relay(server.port(), null, null), 1, 100,
             LONG, LONG)) {
      SmtpEmailGateway gateway = gateway(pool);
      assertThat(gateway.send(task("first@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOf(SendResult.Accepted.class);
      server.dropConnections();
      await(() -> server.openConnections() == 0);

      assertThat(gateway.send(task("second@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
              assertThat(failure.errorCode()).as(failure.reason()).isEqualTo("connection"));
      assertThat(pool.open()).as("the broken connection is discarded").isZero();
      assertThat(gateway.send(task("second@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.accepted()).isEqualTo(2);
    }
  }

  @Test
  void aConnectionDroppedInTheMiddleOfAMessageFailsItTransientlyAndIsNotReused() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer().dropOnMail(true);
         SmtpConnections pool = new SmtpConnections(relay(server.port(), null, null), 1, 100,
             LONG, LONG)) {
      SmtpEmailGateway gateway = gateway(pool);

      assertThat(gateway.send(task("dropped@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
              assertThat(failure.errorCode()).as(failure.reason()).isEqualTo("connection"));
      assertThat(pool.open()).isZero();

      server.dropOnMail(false);
      assertThat(gateway.send(task("dropped@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void aFailedMessageClosesItsConnectionEvenWhenTheRelayKeepsIt() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()
        .recipientReply("gone@example.be", "550 5.1.1 mailbox unavailable");
         SmtpConnections pool = new SmtpConnections(relay(server.port(), null, null), 1, 100,
             LONG, LONG)) {
      SmtpEmailGateway gateway = gateway(pool);

      assertThat(gateway.send(task("gone@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOf(SendResult.PermanentFailure.class);
      assertThat(pool.open()).isZero();
      assertThat(gateway.send(task("here@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void idleConnectionsAreClosedAfterTheirIdleTime() {
    Duration maxIdle = Duration.ofMillis(200);
    try (ScriptedSmtpServer server = new ScriptedSmtpServer();
         SmtpConnections pool = new SmtpConnections(relay(server.port(), null, null), 1, 100,
             maxIdle, LONG)) {
      assertThat(gateway(pool).send(task("idle@example.be", AlertStatus.ACTUAL,
          Severity.MINOR))).isInstanceOf(SendResult.Accepted.class);
      long sent = System.nanoTime();

      // Closed by the evictor at its first run after the idle time is over.
      awaitWithin(maxIdle.plus(SmtpConnections.evictionPeriod(maxIdle).multipliedBy(2)),
          () -> server.openConnections() == 0);
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(maxIdle);
      assertThat(pool.open()).isZero();
    }
  }

  @Test
  void evictionLooksAtIdleConnectionsOftenEnoughButNotConstantly() {
    assertThat(SmtpConnections.evictionPeriod(Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(SmtpConnections.evictionPeriod(Duration.ofSeconds(8)))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(SmtpConnections.evictionPeriod(Duration.ofMillis(1)))
        .isEqualTo(Duration.ofMillis(10));
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For what the test itself caused, which takes a moment on a loaded machine. */
  private static void await(BooleanSupplier condition) {
    awaitWithin(Duration.ofSeconds(10), condition);
  }

  /**
   * The evictor's thread may wait for a loaded machine's CPU: the allowance on top of the
   * configured bound is for that, and is given once.
   */
  private static void awaitWithin(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.plusSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
