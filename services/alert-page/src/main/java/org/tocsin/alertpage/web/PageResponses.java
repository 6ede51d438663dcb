package org.tocsin.alertpage.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.tocsin.alertpage.pages.RenderedPage;

/**
 * Turns rendered pages into HTTP responses any cache can keep: validators (a 304 answers a
 * matching If-None-Match, Spring compares them), freshness with stale-while-revalidate and
 * stale-if-error, Vary on what chose the representation, gzip bytes made in advance.
 */
public final class PageResponses {

  private static final MediaType HTML = new MediaType("text", "html",
      java.nio.charset.StandardCharsets.UTF_8);

  private final CacheControl pages;
  private final CacheControl notFound;

  /**
   * @param maxAge how long a cache may serve a page without asking again: also how late a
   *     reader behind a cache may learn of an update or a cancel
   */
  public PageResponses(Duration maxAge, Duration staleWhileRevalidate, Duration staleIfError,
                Duration notFoundMaxAge) {
    this.pages = CacheControl.maxAge(maxAge).cachePublic()
        .staleWhileRevalidate(staleWhileRevalidate).staleIfError(staleIfError);
    this.notFound = CacheControl.maxAge(notFoundMaxAge).cachePublic();
  }

  /**
   * A page.
   *
   * @param gzip whether the client takes gzip
   * @param byAcceptLanguage whether Accept-Language chose the language (no usable lang
   *     parameter)
   */
  ResponseEntity<byte[]> page(RenderedPage page, String language, boolean gzip,
                              boolean byAcceptLanguage) {
    return answer(HttpStatus.OK, page, language, gzip, byAcceptLanguage, pages);
  }

  /** 404: no such alert, or not any more; cached briefly, since it may be read in a moment. */
  ResponseEntity<byte[]> notFound(RenderedPage page, String language, boolean gzip) {
    return answer(HttpStatus.NOT_FOUND, page, language, gzip, true, notFound);
  }

  /** 503 while the service has not read every alert yet: never cached, asked again soon. */
  ResponseEntity<byte[]> starting(RenderedPage page, String language, boolean gzip) {
    ResponseEntity<byte[]> answer = answer(HttpStatus.SERVICE_UNAVAILABLE, page, language, gzip,
        true, CacheControl.noStore());
    return ResponseEntity.status(answer.getStatusCode())
        .headers(answer.getHeaders()).header(HttpHeaders.RETRY_AFTER, "5")
        .body(answer.getBody());
  }

  ResponseEntity<byte[]> badRequest(RenderedPage page, String language, boolean gzip) {
    return answer(HttpStatus.BAD_REQUEST, page, language, gzip, true, notFound);
  }

  /** The same refusal as RFC 9457 problem details, for a client that asked for JSON. */
  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title,
                                               String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      builder.cacheControl(CacheControl.noStore()).header(HttpHeaders.RETRY_AFTER, "5");
    }
    return builder.body(problem);
  }

  private static ResponseEntity<byte[]> answer(HttpStatus status, RenderedPage page,
                                               String language, boolean gzip,
                                               boolean byAcceptLanguage, CacheControl cache) {
    List<String> vary = new ArrayList<>(List.of(HttpHeaders.ACCEPT_ENCODING));
    if (byAcceptLanguage) {
      vary.add(HttpHeaders.ACCEPT_LANGUAGE);
    }
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
        .contentType(HTML)
        .header(HttpHeaders.CONTENT_LANGUAGE, language)
        .cacheControl(cache)
        .varyBy(vary.toArray(String[]::new));
    if (status == HttpStatus.OK) {
      builder.eTag(gzip ? page.gzipEtag() : page.etag())
          .lastModified(page.lastModified());
    }
    if (gzip) {
      builder.header(HttpHeaders.CONTENT_ENCODING, "gzip");
    }
    return builder.body(gzip ? page.gzipped() : page.body());
  }
}
