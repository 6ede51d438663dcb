package org.tocsin.dispatcheremail.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Open SMTP connections to one relay, each carrying several messages in turn: relays throttle
 * or block senders that open a connection per message. A connection is closed after
 * {@code maxMessages} messages, after {@code maxIdle} without use, and after any failed
 * message: a failure may have left it broken or mid-transaction, and a new connection costs
 * less than finding out. One idle for longer than {@code checkAfterIdle} is checked (NOOP)
 * before it carries a message, so that a connection the relay dropped while idle is replaced
 * instead of failing a message.
 */
public final class SmtpConnections implements AutoCloseable {

  private final Session session;
  private final int maxMessages;
  private final GenericObjectPool<Connection> pool;

  /**
   * @param relay host, port, credentials, protocol and session properties ({@code spring.mail.*})
   * @param maxConnections connections open at once
   */
  public SmtpConnections(JavaMailSenderImpl relay, int maxConnections, int maxMessages,
                         Duration maxIdle, Duration checkAfterIdle) {
    this.session = relay.getSession();
    this.maxMessages = maxMessages;
    GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(maxConnections);
    config.setMaxIdle(maxConnections);
    config.setLifo(true);
    config.setBlockWhenExhausted(true);
    config.setTestOnBorrow(true);
    config.setMinEvictableIdleDuration(maxIdle);
    config.setTimeBetweenEvictionRuns(evictionPeriod(maxIdle));
    config.setNumTestsPerEvictionRun(-1);
    config.setJmxEnabled(false);
    pool = new GenericObjectPool<>(new Factory(relay, checkAfterIdle), config);
  }

  /** How often idle connections are looked at: a quarter of the idle time, within bounds. */
  static Duration evictionPeriod(Duration maxIdle) {
    Duration quarter = maxIdle.dividedBy(4);
    Duration floor = Duration.ofMillis(10);
    Duration ceiling = Duration.ofSeconds(5);
    return quarter.compareTo(floor) < 0 ? floor
        : quarter.compareTo(ceiling) > 0 ? ceiling : quarter;
  }

  /** A message for these connections, keeping the {@code Message-ID} it is given. */
  public MimeMessage newMessage(String messageId) {
    return new IdentifiedMessage(session, messageId);
  }

  /**
   * Hands the message, its changes saved, to the relay on an open connection or a new one.
   *
   * @throws MessagingException what the relay or the connection said, for {@link SmtpFailures}
   */
  public void send(MimeMessage message) throws MessagingException {
    Connection connection = borrow();
    try {
      connection.transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException | RuntimeException e) {
      discard(connection);
      throw e;
    }
    if (++connection.messages >= maxMessages) {
      discard(connection);
    } else {
      pool.returnObject(connection);
    }
  }

  /** Connections open now, idle or carrying a message. */
  public int open() {
    return pool.getNumActive() + pool.getNumIdle();
  }

  @Override
  public void close() {
    pool.close();
  }

  private Connection borrow() throws MessagingException {
    try {
      return pool.borrowObject();
    } catch (MessagingException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new MessagingException("No SMTP connection: " + e.getMessage(), e);
    }
  }

  /** Closes the connection (QUIT if it still listens) and frees its place. */
  private void discard(Connection connection) {
    try {
      pool.invalidateObject(connection);
    } catch (Exception e) {
      // destroyObject swallows what closing throws: this is a connection the pool never gave
      throw new IllegalStateException(e);
    }
  }

  private static final class Connection {

    final Transport transport;
    int messages;

    Connection(Transport transport) {
      this.transport = transport;
    }
  }

  private static final class Factory extends BasePooledObjectFactory<Connection> {

    private final JavaMailSenderImpl relay;
    private final Duration checkAfterIdle;

    Factory(JavaMailSenderImpl relay, Duration checkAfterIdle) {
      this.relay = relay;
      this.checkAfterIdle = checkAfterIdle;
    }

    @Override
    public Connection create() throws MessagingException {
      String protocol = relay.getProtocol() != null ? relay.getProtocol()
          : relay.getSession().getProperty("mail.transport.protocol");
      Transport transport = relay.getSession().getTransport(protocol == null ? "smtp" : protocol);
      transport.connect(relay.getHost(), relay.getPort(), blankAsNull(relay.getUsername()),
          blankAsNull(relay.getPassword()));
      return new Connection(transport);
    }

    @Override
    public PooledObject<Connection> wrap(Connection connection) {
      return new DefaultPooledObject<>(connection);
    }

    @Override
    public boolean validateObject(PooledObject<Connection> pooled) {
      // A connection that has just been opened or carried a message is alive: only one idle
      // for longer is asked, which costs a round trip.
      boolean recent = Duration.between(pooled.getLastReturnInstant(), Instant.now())
          .compareTo(checkAfterIdle) < 0;
      return recent || pooled.getObject().transport.isConnected();
    }

    @Override
    public void destroyObject(PooledObject<Connection> pooled) {
      try {
        pooled.getObject().transport.close();
      } catch (MessagingException e) {
        // already broken: nothing left to close politely
      }
    }

    private static String blankAsNull(String value) {
      return value == null || value.isEmpty() ? null : value;
    }
  }

  /** Keeps the given {@code Message-ID}, which {@link #saveChanges()} would replace. */
  private static final class IdentifiedMessage extends MimeMessage {

    private final String messageId;

    IdentifiedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
