package org.tocsin.alertpage.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

  @Test
  void takesGzipWhenListedWithAWeightAboveZero() {
    assertThat(AcceptEncoding.gzip("gzip, deflate, br")).isTrue();
    assertThat(AcceptEncoding.gzip("br;q=1.0, GZIP;q=0.5")).isTrue();
    assertThat(AcceptEncoding.gzip("*")).isTrue();
  }

  @Test
  void sendsIdentityOtherwise() {
    assertThat(AcceptEncoding.gzip(null)).isFalse();
    assertThat(AcceptEncoding.gzip("br")).isFalse();
    assertThat(AcceptEncoding.gzip("gzip;q=0")).isFalse();
    assertThat(AcceptEncoding.gzip("*, gzip;q=0")).isFalse();
    assertThat(AcceptEncoding.gzip("gzip;q=nonsense")).isFalse();
  }
}
