package org.tocsin.benchmarks.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local SMTP server that accepts every message and keeps only what the benchmark counts: how
 * many messages, how many distinct {@code Message-ID}s, how many connections, and when the first
 * and the last message were accepted. Several messages per connection, as a relay allows.
 */
final class SmtpSink implements AutoCloseable {

  private static final byte[] GREETING = bytes("220 sink ESMTP");
  private static final byte[] EHLO = bytes("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
  private static final byte[] OK = bytes("250 OK");
  private static final byte[] DATA = bytes("354 End data with <CR><LF>.<CR><LF>");
  private static final byte[] QUEUED = bytes("250 2.0.0 queued");
  private static final byte[] BYE = bytes("221 2.0.0 Bye");
  private static final byte[] UNKNOWN = bytes("502 5.5.1 Unrecognized command");

  private final ServerSocket socket;
  private final AtomicInteger messages = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
  private final AtomicLong firstNanos = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();

  SmtpSink() {
    try {
      socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("smtp-sink").start(this::acceptConnections);
  }

  int port() {
    return socket.getLocalPort();
  }

  int messages() {
    return messages.get();
  }

  int distinctMessageIds() {
    return messageIds.size();
  }

  int connections() {
    return connections.get();
  }

  /** Messages per second between the first and the last message accepted. */
  double rate() {
    double seconds = (lastNanos.get() - firstNanos.get()) / 1e9;
    return (messages.get() - 1) / Math.max(seconds, 1e-3);
  }

  void reset() {
    messages.set(0);
    connections.set(0);
    messageIds.clear();
    firstNanos.set(0);
    lastNanos.set(0);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptConnections() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> converse(connection));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket connection) {
    try (connection;
         BufferedReader in = new BufferedReader(new InputStreamReader(
             connection.getInputStream(), StandardCharsets.UTF_8), 64 * 1024);
         OutputStream out = connection.getOutputStream()) {
      reply(out, GREETING);
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() > 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT)
            : line.toUpperCase(Locale.ROOT);
        switch (command) {
          case "EHLO" -> reply(out, EHLO);
          case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, OK);
          case "DATA" -> {
            reply(out, DATA);
            receive(in);
            reply(out, QUEUED);
          }
          case "QUIT" -> {
            reply(out, BYE);
            return;
          }
          default -> reply(out, UNKNOWN);
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void receive(BufferedReader in) throws IOException {
    String messageId = null;
    String line;
    while ((line = in.readLine()) != null && !line.equals(".")) {
      if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
        messageId = line.substring(11).strip();
      }
    }
    long now = System.nanoTime();
    firstNanos.compareAndSet(0, now);
    lastNanos.accumulateAndGet(now, Math::max);
    messages.incrementAndGet();
    if (messageId != null) {
      messageIds.add(messageId);
    }
  }

  private static void reply(OutputStream out, byte[] reply) throws IOException {
    out.write(reply);
    out.flush();
  }

  private static byte[] bytes(String reply) {
    return (reply + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
