package org.tocsin.testing.push;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The fake push service's inbox: the newest decrypted pushes, as a page that refreshes. */
final class PushInboxPage {

  private static final int SHOWN = 500;

  private PushInboxPage() {
  }

  static String render(String origin, List<ReceivedPush> pushes) {
    List<ReceivedPush> newestFirst = new ArrayList<>(pushes);
    Collections.reverse(newestFirst);
    StringBuilder rows = new StringBuilder();
    newestFirst.stream().limit(SHOWN).forEach(push -> rows.append("<tr><td>")
        .append(escape(push.receivedAt().toString())).append("</td><td>")
        .append(escape(push.subscriptionId())).append("</td><td>")
        .append(escape(push.urgency())).append("</td><td>")
        .append(push.ttl()).append("</td><td><code>")
        .append(escape(push.payload())).append("</code></td></tr>\n"));
    return """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="refresh" content="3"><title>Push inbox (push service fake)</title>
        <style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}
        code{white-space:pre-wrap;word-break:break-word}</style>
        </head><body><h1>Pushes received by the push service fake</h1>
        <p>%d pushes decrypted at %s (newest %d shown).</p>
        <table><thead><tr><th>received</th><th>subscription</th><th>urgency</th><th>TTL (s)</th>
        <th>payload</th></tr></thead>
        <tbody>%s</tbody></table></body></html>
        """.formatted(pushes.size(), escape(origin), SHOWN, rows);
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
