package org.tocsin.alertpage.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers that keep operators' texts inert whatever they contain: a Content-Security-Policy
 * that allows no script at all, no plug-in, no form, no framing and only the pages' own inline
 * style sheet (by its hash); no sniffing of content types; no referrer leaving the page.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

  private final String policy;

  /** @param styleHash the CSP source of the one inline style sheet ({@code sha256-...}) */
  public SecurityHeadersFilter(String styleHash) {
    this.policy = "default-src 'none'; style-src '" + styleHash + "'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  String policy() {
    return policy;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                  FilterChain chain) throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    chain.doFilter(request, response);
  }
}
