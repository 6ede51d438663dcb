package org.tocsin.dispatcheremail.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that answers what a test tells it to (refusals GreenMail cannot give): a
 * greeting, a reply to MAIL, replies to RCPT per address, a reply after DATA, a refusal of
 * AUTH, or no answer at all; it can also drop its connections, idle or in the middle of a
 * message, and counts them.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final Thread acceptor;
  private final Map<String, String> recipientReplies = new HashMap<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile String greeting = "220 scripted ESMTP";
  private volatile String mailReply = "250 2.1.0 OK";
  private volatile String dataReply = "250 2.0.0 queued";
  private volatile boolean refuseAuth;
  private volatile boolean silent;
  private volatile boolean dropOnMail;

  ScriptedSmtpServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = Thread.ofVirtual().start(this::acceptConnections);
  }

  int port() {
    return socket.getLocalPort();
  }

  ScriptedSmtpServer greeting(String reply) {
    greeting = reply;
    return this;
  }

  ScriptedSmtpServer mailReply(String reply) {
    mailReply = reply;
    return this;
  }

  ScriptedSmtpServer recipientReply(String address, String reply) {
    synchronized (recipientReplies) {
      recipientReplies.put(address.toLowerCase(Locale.ROOT), reply);
    }
    return this;
  }

  ScriptedSmtpServer dataReply(String reply) {
    dataReply = reply;
    return this;
  }

  /** Offers AUTH PLAIN and refuses every credential. */
  ScriptedSmtpServer refuseAuth() {
    refuseAuth = true;
    return this;
  }

  /** Accepts connections and never says a word. */
  ScriptedSmtpServer silent() {
    silent = true;
    return this;
  }

  /** Closes the connection, without a word, when a client starts a message (MAIL). */
  ScriptedSmtpServer dropOnMail(boolean drop) {
    dropOnMail = drop;
    return this;
  }

  /** Closes every connection open now, without a word, as a relay does to idle ones. */
  void dropConnections() {
    for (Socket connection : open) {
      try {
        connection.close();
      } catch (IOException e) {
        // closed already
      }
    }
  }

  /** Connections clients opened so far. */
  int connections() {
    return connections.get();
  }

  /** Connections open now. */
  int openConnections() {
    return open.size();
  }

  /** Messages whose data was accepted. */
  int accepted() {
    return accepted.get();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor.interrupt();
  }

  private void acceptConnections() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.incrementAndGet();
        open.add(connection);
        Thread.ofVirtual().start(() -> {
          try {
            converse(connection);
          } finally {
            open.remove(connection);
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket connection) {
    try (connection;
         BufferedReader in = new BufferedReader(new InputStreamReader(
             connection.getInputStream(), StandardCharsets.UTF_8));
         Writer out = new OutputStreamWriter(connection.getOutputStream(),
             StandardCharsets.UTF_8)) {
      if (silent) {
        while (in.read() >= 0) {
          // says nothing, reads until the client gives up
        }
        return;
      }
      reply(out, greeting);
      if (!greeting.startsWith("220")) {
        return;
      }
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO")) {
          reply(out, refuseAuth ? "250-scripted\r\n250 AUTH PLAIN" : "250 scripted");
        } else if (command.startsWith("HELO") || command.startsWith("RSET")
            || command.startsWith("NOOP")) {
          reply(out, "250 OK");
        } else if (command.startsWith("AUTH")) {
          reply(out, "535 5.7.8 Authentication credentials invalid");
        } else if (command.startsWith("MAIL FROM")) {
          if (dropOnMail) {
            return;
          }
          reply(out, mailReply);
        } else if (command.startsWith("RCPT TO")) {
          reply(out, recipientReply(line));
        } else if (command.equals("DATA")) {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // the message itself is not kept
          }
          if (dataReply.startsWith("250")) {
            accepted.incrementAndGet();
          }
          reply(out, dataReply);
        } else if (command.startsWith("QUIT")) {
          reply(out, "221 2.0.0 Bye");
          return;
        } else {
          reply(out, "502 5.5.1 Unrecognized command");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private String recipientReply(String command) {
    int start = command.indexOf('<');
    int end = command.indexOf('>', start + 1);
    String address = start < 0 || end < 0 ? "" : command.substring(start + 1, end);
    synchronized (recipientReplies) {
      return recipientReplies.getOrDefault(address.toLowerCase(Locale.ROOT), "250 2.1.5 OK");
    }
  }

  private static void reply(Writer out, String reply) throws IOException {
    out.write(reply + "\r\n");
    out.flush();
  }
}
