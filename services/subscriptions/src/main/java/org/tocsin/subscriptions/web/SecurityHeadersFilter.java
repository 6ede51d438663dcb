package org.tocsin.subscriptions.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep the citizen page and the API safe in a browser: a content security policy
 * that allows scripts, styles and connections to this service only (images also from the tile
 * server), no referrer (management links carry their secret in the fragment, but the page's own
 * URL is nobody's business), no framing, and no caching of API answers, which hold personal
 * data.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {

  private final String contentSecurityPolicy;

  SecurityHeadersFilter(PageProperties page) {
    this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data: " + origin(page.tileUrl()) + "; connect-src 'self'; "
        + "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'";
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                  FilterChain chain) throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
    if (request.getRequestURI().startsWith("/api/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }

  /** The scheme and authority of a tile URL template such as {@code https://{s}.tile.x/...}. */
  static String origin(String tileUrl) {
    String withoutTemplates = tileUrl.replace("{s}.", "*.").replaceAll("\\{[^}]*}", "0");
    URI uri = URI.create(withoutTemplates.replace("*.", "sub."));
    String host = withoutTemplates.contains("*.") ? "*." + uri.getHost().substring(4)
        : uri.getHost();
    return uri.getScheme() + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }
}
