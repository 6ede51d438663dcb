package org.tocsin.alertpage.web;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tocsin.alertpage.language.LanguageTags;
import org.tocsin.alertpage.pages.AlertPages;
import org.tocsin.alertpage.pages.PageStore;
import org.tocsin.alertpage.rendering.ErrorPageView;
import org.tocsin.alertpage.rendering.ErrorPageViews;
import org.tocsin.alertpage.rendering.ErrorPageViews.Reason;
import org.tocsin.alertpage.rendering.PageLanguages;

/**
 * The public pages, for anyone and without login: an alert's page
 * ({@code /alerts/<alert id>?lang=<language>}, the language otherwise from Accept-Language)
 * and the list of the alerts in force ({@code /} and {@code /alerts}). Every answer is a page
 * rendered before the request came; nothing here renders or queries.
 */
@RestController
public final class AlertPageController {

  private static final int MAX_ID_LENGTH = 200;

  private final PageStore store;
  private final PageLanguages languages;
  private final ErrorPageViews errors;
  private final PageResponses responses;

  AlertPageController(PageStore store, PageLanguages languages, ErrorPageViews errors,
                      PageResponses responses) {
    this.store = store;
    this.languages = languages;
    this.errors = errors;
    this.responses = responses;
  }

  @GetMapping("/alerts/{alertId}")
  ResponseEntity<?> alert(
      @PathVariable String alertId,
      @RequestParam(name = "lang", required = false) String lang,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean gzip = AcceptEncoding.gzip(acceptEncoding);
    if (lang != null && !LanguageTags.wellFormed(lang)) {
      return refusal(Reason.BAD_REQUEST, acceptLanguage, accept, gzip);
    }
    Optional<AlertPages> found = alertId.length() > MAX_ID_LENGTH ? Optional.empty()
        : store.alert(alertId);
    if (found.isEmpty()) {
      return refusal(store.complete() ? Reason.NOT_FOUND : Reason.STARTING, acceptLanguage,
          accept, gzip);
    }
    AlertPages pages = found.get();
    boolean asked = lang != null && LanguageTags.match(lang, pages.languages()) != null;
    String language = LanguageTags.choose(lang, acceptLanguage, pages.languages());
    return responses.page(pages.page(language), language, gzip, !asked);
  }

  @GetMapping({"/", "/alerts"})
  ResponseEntity<?> list(
      @RequestParam(name = "lang", required = false) String lang,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean gzip = AcceptEncoding.gzip(acceptEncoding);
    if (lang != null && !LanguageTags.wellFormed(lang)) {
      return refusal(Reason.BAD_REQUEST, acceptLanguage, accept, gzip);
    }
    List<String> site = languages.siteLanguages();
    boolean asked = lang != null && LanguageTags.match(lang, site) != null;
    String language = LanguageTags.choose(lang, acceptLanguage, site);
    return responses.page(store.list(language), language, gzip, !asked);
  }

  private ResponseEntity<?> refusal(Reason reason, String acceptLanguage, String accept,
                                    boolean gzip) {
    String language = LanguageTags.choose(null, acceptLanguage, languages.siteLanguages());
    if (wantsJson(accept)) {
      ErrorPageView view = errors.view(reason, language);
      HttpStatus status = switch (reason) {
        case NOT_FOUND -> HttpStatus.NOT_FOUND;
        case STARTING -> HttpStatus.SERVICE_UNAVAILABLE;
        case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
      };
      return PageResponses.problem(status, view.heading(), view.text());
    }
    var page = store.error(reason, language);
    return switch (reason) {
      case NOT_FOUND -> responses.notFound(page, language, gzip);
      case STARTING -> responses.starting(page, language, gzip);
      case BAD_REQUEST -> responses.badRequest(page, language, gzip);
    };
  }

  /** A client that asks for JSON and not for HTML gets RFC 9457 problem details. */
  private static boolean wantsJson(String accept) {
    return accept != null && accept.contains("json") && !accept.contains("text/html");
  }
}
