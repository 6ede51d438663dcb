package org.tocsin.local.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The mails the local SMTP server received, as a page and as JSON. */
@RestController
public class MailInboxController {

  private final GreenMail smtp;

  public MailInboxController(GreenMail smtp) {
    this.smtp = smtp;
  }

  @GetMapping(path = "/mail/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<ReceivedMail> messages() throws MessagingException {
    List<ReceivedMail> mails = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      mails.add(new ReceivedMail(addresses(message.getAllRecipients()),
          addresses(message.getFrom()), message.getSubject(), GreenMailUtil.getBody(message)));
    }
    return mails;
  }

  @GetMapping(path = "/mail", produces = MediaType.TEXT_HTML_VALUE)
  public String inbox() throws MessagingException {
    List<ReceivedMail> mails = messages();
    StringBuilder rows = new StringBuilder();
    for (int i = mails.size() - 1; i >= 0 && i >= mails.size() - 500; i--) {
      ReceivedMail mail = mails.get(i);
      rows.append("<tr><td>").append(HtmlUtils.htmlEscape(mail.to())).append("</td><td>")
          .append(HtmlUtils.htmlEscape(String.valueOf(mail.subject()))).append("</td><td><pre>")
          .append(HtmlUtils.htmlEscape(mail.body())).append("</pre></td></tr>\n");
    }
    return """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="refresh" content="3"><title>Mail inbox (local SMTP)</title>
        <style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}
        pre{white-space:pre-wrap;margin:0}</style></head><body>
        <h1>Mail inbox of the local SMTP server</h1><p>%d mails received (newest 500 shown).</p>
        <table><thead><tr><th>to</th><th>subject</th><th>body</th></tr></thead>
        <tbody>%s</tbody></table></body></html>
        """.formatted(mails.size(), rows);
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString)
        .collect(Collectors.joining(", "));
  }

  /** One received mail. */
  public record ReceivedMail(String to, String from, String subject, String body) {
  }
}
