package org.tocsin.dispatcheremail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.dispatcheremail.rendering.EmailRenderer;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;

/** The gateway against real SMTP servers: GreenMail, and a scripted one for refusals. */
class SmtpEmailGatewayTest {

  static {
    EventTypes.all();
  }

  private static final String RECIPIENT = "citizen@example.be";
  private static GreenMail greenMail;
  private final List<SmtpConnections> connections = new ArrayList<>();

  @BeforeAll
  static void startGreenMail() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    greenMail.start();
  }

  @AfterAll
  static void stopGreenMail() {
    greenMail.stop();
  }

  @Test
  void aMessageTheRelayAcceptsIsSentWithItsStableIdHeadersAndBothParts() throws Exception {
    DeliveryTask task = task(RECIPIENT, AlertStatus.ACTUAL, Severity.SEVERE);
    SmtpEmailGateway gateway = gateway(greenMail.getSmtp().getPort(), null, null);

    SendResult result = gateway.send(task);

    String messageId = "<" + task.getTaskId() + "@tocsin.invalid>";
    assertThat(result).isEqualTo(new SendResult.Accepted(messageId));
    MimeMessage received = greenMail.getReceivedMessagesForDomain("example.be")[0];
    assertThat(received.getMessageID()).isEqualTo(messageId);
    assertThat(received.getSubject()).isEqualTo("Fumée toxique à Liège");
    assertThat(received.getFrom()).extracting(Address::toString)
        .containsExactly("Tocsin <alerts@tocsin.invalid>");
    assertThat(received.getReplyTo()).extracting(Address::toString)
        .containsExactly("help@tocsin.invalid");
    assertThat(received.getAllRecipients()).extracting(Address::toString)
        .containsExactly(RECIPIENT);
    assertThat(received.getContentLanguage()).containsExactly("fr");
    assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(received.getHeader("X-Tocsin-Alert-Id")).containsExactly("alert-7");
    assertThat(received.getHeader("X-Tocsin-Alert-Version")).containsExactly("1");
    assertThat(received.getHeader("Importance")).containsExactly("high");
    assertThat(received.getHeader("X-Priority")).containsExactly("1");
    assertThat(received.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain")
        .containsIgnoringCase("charset=UTF-8");
    assertThat((String) parts.getBodyPart(0).getContent())
        .contains("Restez à l'intérieur.");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains("<html lang=\"fr\">", "Restez à l&#39;intérieur.");
  }

  @Test
  void recipientRefusalsWithA5xxReplyArePermanent() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()
        .recipientReply("gone@example.be", "550 5.1.1 <gone@example.be>: mailbox unavailable")
        .recipientReply("bad@example.be", "553 5.1.3 <bad@example.be>: bad address syntax")) {
      SmtpEmailGateway gateway = gateway(server.port(), null, null);

      assertThat(gateway.send(task("gone@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOfSatisfying(SendResult.PermanentFailure.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo("smtp-550");
            assertThat(failure.reason()).contains("mailbox unavailable")
                .doesNotContain("gone@example.be");
          });
      assertThat(gateway.send(task("bad@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOfSatisfying(SendResult.PermanentFailure.class, failure ->
              assertThat(failure.errorCode()).isEqualTo("smtp-553"));
    }
  }

  @Test
  void aMessageRefusedAfterItsDataWithA5xxReplyIsPermanent() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()
        .dataReply("554 5.6.0 message content rejected")) {
      assertThat(gateway(server.port(), null, null).send(task(RECIPIENT, AlertStatus.ACTUAL,
          Severity.MINOR))).isInstanceOfSatisfying(SendResult.PermanentFailure.class,
          failure -> assertThat(failure.errorCode()).isEqualTo("smtp-554"));
    }
  }

  @Test
  void temporaryRepliesAreTransient() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()
        .recipientReply("busy@example.be", "451 4.3.0 <busy@example.be>: try again later")
        .recipientReply("full@example.be", "452 4.2.2 <full@example.be>: mailbox full")
        .recipientReply("many@example.be", "552 5.5.3 too many recipients")) {
      SmtpEmailGateway gateway = gateway(server.port(), null, null);

      assertThat(gateway.send(task("busy@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo("smtp-451");
            assertThat(failure.reason()).doesNotContain("busy@example.be");
          });
      assertThat(gateway.send(task("full@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
              assertThat(failure.errorCode()).isEqualTo("smtp-452"));
      assertThat(gateway.send(task("many@example.be", AlertStatus.ACTUAL, Severity.MINOR)))
          .as("RFC 5321: 552 to RCPT is to be tried again")
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
              assertThat(failure.errorCode()).isEqualTo("smtp-552"));
    }
  }

  @Test
  void refusalsOfOurSenderOrAccountAreTransientNotTheRecipientsFault() {
    try (ScriptedSmtpServer refusedSender = new ScriptedSmtpServer()
             .mailReply("550 5.7.1 sender not allowed to relay");
         ScriptedSmtpServer refusedLogin = new ScriptedSmtpServer().refuseAuth();
         ScriptedSmtpServer busy = new ScriptedSmtpServer()
             .greeting("421 4.3.2 service not available")) {
      DeliveryTask task = task(RECIPIENT, AlertStatus.ACTUAL, Severity.MINOR);

      assertThat(gateway(refusedSender.port(), null, null).send(task))
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
              assertThat(failure.errorCode()).isEqualTo("smtp-550"));
      assertThat(gateway(refusedLogin.port(), "tocsin", "wrong").send(task))
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
              assertThat(failure.errorCode()).isEqualTo("smtp-auth"));
      assertThat(gateway(busy.port(), null, null).send(task))
          .isInstanceOf(SendResult.TransientFailure.class);
    }
  }

  @Test
  void anUnreachableOrSilentRelayIsTransient() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    DeliveryTask task = task(RECIPIENT, AlertStatus.ACTUAL, Severity.MINOR);

    assertThat(gateway(closedPort, null, null).send(task))
        .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
            assertThat(failure.errorCode()).isEqualTo("connection"));
    try (ScriptedSmtpServer silent = new ScriptedSmtpServer().silent()) {
      assertThat(gateway(relay(silent.port(), null, null, Duration.ofMillis(500))).send(task))
          .isInstanceOfSatisfying(SendResult.TransientFailure.class, failure ->
              assertThat(failure.errorCode()).isEqualTo("timeout"));
    }
  }

  @Test
  void anAddressThatIsNoAddressFailsForGoodWithoutReachingTheRelay() {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
      assertThat(gateway(server.port(), null, null).send(task("not an address",
          AlertStatus.ACTUAL, Severity.MINOR)))
          .isEqualTo(new SendResult.PermanentFailure("invalid-address",
              "not a valid e-mail address"));
      assertThat(server.accepted()).isZero();
    }
  }

  @Test
  void addressesAreRedactedFromRelayReplies() {
    assertThat(SmtpFailures.redacted(
        "550 5.1.1 <jan.peeters+alerts@example.be>: Recipient address rejected; "
            + "from=marie@voorbeeld.be"))
        .isEqualTo("550 5.1.1 <[address]>: Recipient address rejected; from=[address]");
  }

  @AfterEach
  void closeConnections() {
    connections.forEach(SmtpConnections::close);
    connections.clear();
  }

  private SmtpEmailGateway gateway(int port, String username, String password) {
    return gateway(relay(port, username, password));
  }

  private SmtpEmailGateway gateway(JavaMailSenderImpl relay) {
    SmtpConnections pool = new SmtpConnections(relay, 1, 100,
        Duration.ofSeconds(30), Duration.ofSeconds(1));
    connections.add(pool);
    return gateway(pool);
  }

  static SmtpEmailGateway gateway(SmtpConnections pool) {
    try {
      return new SmtpEmailGateway("smtp", new SendLimits(0, 1), pool,
          new EmailRenderer(null, "tocsin.invalid"),
          new InternetAddress("Tocsin <alerts@tocsin.invalid>"),
          new InternetAddress("help@tocsin.invalid"));
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalStateException(e);
    }
  }

  static JavaMailSenderImpl relay(int port, String username, String password) {
    return relay(port, username, password, Duration.ofSeconds(10));
  }

  /** @param readTimeout how long to wait for each reply of the relay */
  static JavaMailSenderImpl relay(int port, String username, String password,
                                  Duration readTimeout) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.setUsername(username);
    sender.setPassword(password);
    sender.setDefaultEncoding("UTF-8");
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", "2000");
    properties.setProperty("mail.smtp.timeout", String.valueOf(readTimeout.toMillis()));
    properties.setProperty("mail.smtp.writetimeout", "2000");
    sender.setJavaMailProperties(properties);
    return sender;
  }

  static DeliveryTask task(String recipient, AlertStatus status, Severity severity) {
    return DeliveryTask.newBuilder()
        .setTaskId(TaskIds.forAlert("alert-7", 1, "subscriber-" + recipient, Channel.EMAIL))
        .setKind(TaskKind.ALERT).setChannel(Channel.EMAIL).setLane(Lane.HIGH)
        .setSubscriberId("subscriber-" + recipient).setRecipient(recipient).setPushKeys(null)
        .setAlertId("alert-7").setAlertVersion(1).setIdentifier("TOCSIN-7").setStatus(status)
        .setMsgType(MessageType.ALERT).setSeverity(severity)
        .setMessage(Message.newBuilder().setLanguage("fr").setSenderName("Centre de crise")
            .setHeadline("Fumée toxique à Liège").setDescription("Incendie dans un entrepôt.")
            .setInstruction("Restez à l'intérieur.").setShortText("Fumée toxique")
            .setWeb(null).build())
        .setZoneIds(List.of()).setCreatedAt(Instant.now())
        .setExpires(Instant.now().plusSeconds(3600)).build();
  }
}
