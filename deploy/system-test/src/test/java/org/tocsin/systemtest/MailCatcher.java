package org.tocsin.systemtest;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import tools.jackson.databind.JsonNode;

/**
 * The mails the stack's SMTP catcher received, whichever catcher it is: Mailpit (the official
 * images) or GreenMail (its stand-in among the local images), told apart by their APIs. Both hand
 * over the raw message, read here with Jakarta Mail.
 */
abstract sealed class MailCatcher {

  /** One mail: its subject and its text (the plain-text part, else the HTML part's). */
  record Mail(String subject, String text) {
  }

  /** The catcher answering at {@code url}. */
  static MailCatcher at(JsonHttp http, String url) {
    if (http.get(url + "/api/service/readiness", null).status() == 200) {
      return new GreenMail(http, url);
    }
    if (http.get(url + "/api/v1/info", null).status() == 200) {
      return new Mailpit(http, url);
    }
    throw new IllegalStateException("Neither GreenMail's nor Mailpit's API answers at " + url);
  }

  final JsonHttp http;
  final String url;

  private MailCatcher(JsonHttp http, String url) {
    this.http = http;
    this.url = url;
  }

  /** Every mail delivered to the address, oldest first. */
  abstract List<Mail> to(String address);

  static Mail parse(InputStream raw) {
    try (raw) {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), raw);
      String text = text(message, "text/plain");
      if (text == null) {
        String html = text(message, "text/html");
        text = html == null ? "" : html.replaceAll("<[^>]+>", " ");
      }
      return new Mail(message.getSubject(), text);
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException("Unreadable mail", e);
    }
  }

  private static String text(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        if (!Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
          String text = text(body, type);
          if (text != null) {
            return text;
          }
        }
      }
    }
    return null;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** GreenMail: a mailbox per recipient, messages with their raw MIME in the listing. */
  static final class GreenMail extends MailCatcher {

    GreenMail(JsonHttp http, String url) {
      super(http, url);
    }

    @Override
    List<Mail> to(String address) {
      JsonHttp.Response response =
          http.get(url + "/api/user/" + encode(address) + "/messages/INBOX", null);
      List<Mail> mails = new ArrayList<>();
      if (response.status() == 200) {
        for (JsonNode message : response.json()) {
          mails.add(parse(new ByteArrayInputStream(
              message.path("mimeMessage").asString().getBytes(StandardCharsets.UTF_8))));
        }
      } else if (response.status() != 400 && response.status() != 404) {
        // 400/404: no mail has reached the address yet, so it has no mailbox.
        throw new IllegalStateException("GreenMail: " + response);
      }
      return mails;
    }
  }

  /** Mailpit: one store searched by recipient, each message fetched raw. */
  static final class Mailpit extends MailCatcher {

    Mailpit(JsonHttp http, String url) {
      super(http, url);
    }

    @Override
    List<Mail> to(String address) {
      JsonHttp.Response response = http.get(
          url + "/api/v1/search?limit=1000&query=" + encode("to:\"" + address + "\""), null);
      if (response.status() != 200) {
        throw new IllegalStateException("Mailpit: " + response);
      }
      List<Mail> mails = new ArrayList<>();
      for (JsonNode message : response.json().path("messages")) {
        mails.add(parse(http.getBytes(url + "/api/v1/message/"
            + encode(message.path("ID").asString()) + "/raw")));
      }
      // Mailpit lists the newest first.
      return mails.reversed();
    }
  }
}
