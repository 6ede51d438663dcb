package org.tocsin.alertpage.rendering;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The pages' templates ({@code src/main/jte}), compiled into classes at build time. They escape
 * every value by its HTML context and hold no {@code $unsafe}: an operator's text can never
 * become markup. Their one style sheet is inline, allowed by its hash in the
 * Content-Security-Policy, so that a page is a single response.
 */
public final class Templates {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final String styleHash;

  public Templates() {
    String element = render("style.jte", Map.of());
    String style = element.substring(element.indexOf('>') + 1, element.lastIndexOf("</style>"));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(style.getBytes(StandardCharsets.UTF_8));
      this.styleHash = "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CSP source of the inline style sheet: {@code sha256-...}. */
  public String styleHash() {
    return styleHash;
  }

  public String alertPage(AlertPageView view) {
    return render("alert.jte", Map.of("page", view));
  }

  public String list(AlertListView view) {
    return render("list.jte", Map.of("page", view));
  }

  public String error(ErrorPageView view) {
    return render("error.jte", Map.of("page", view));
  }

  private String render(String template, Map<String, Object> parameters) {
    StringOutput output = new StringOutput(8192);
    engine.render(template, parameters, output);
    return output.toString();
  }
}
