package org.tocsin.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/** The URLs of the local stack, for the console and for the terminal. */
public final class LocalIndex {

  private final Map<String, String> links = new LinkedHashMap<>();

  public LocalIndex add(String what, String url) {
    links.put(what, url);
    return this;
  }

  public Map<String, String> links() {
    return links;
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    links.forEach((what, url) -> text.append(String.format("  %-34s %s%n", what, url)));
    return text.toString();
  }

  String html() {
    StringBuilder items = new StringBuilder();
    links.forEach((what, url) -> items.append("<li>").append(HtmlUtils.htmlEscape(what))
        .append(": ").append(url.startsWith("http")
            ? "<a href=\"" + HtmlUtils.htmlEscape(url) + "\">" + HtmlUtils.htmlEscape(url) + "</a>"
            : HtmlUtils.htmlEscape(url)).append("</li>\n"));
    return """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tocsin local</title>
        <style>body{font-family:sans-serif;margin:1rem}</style></head><body>
        <h1>Tocsin, running locally</h1><ul>%s</ul></body></html>
        """.formatted(items);
  }
}
