package org.tocsin.subscriptions.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  @Test
  void allowsImagesFromTheOriginOfTheTileServer() {
    assertThat(SecurityHeadersFilter.origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
        .isEqualTo("https://tile.openstreetmap.org");
    assertThat(SecurityHeadersFilter.origin("https://{s}.tiles.example.be:8443/{z}/{x}/{y}.png"))
        .isEqualTo("https://*.tiles.example.be:8443");
  }
}
