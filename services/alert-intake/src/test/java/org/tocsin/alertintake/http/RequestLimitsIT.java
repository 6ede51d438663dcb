package org.tocsin.alertintake.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.IntegrationTest;

/**
 * Query parameters are bounded as bodies are: a time beyond what can be stored, a number beyond
 * its range or of another form is a 400 problem detail naming the parameter, never a 500.
 */
class RequestLimitsIT extends IntegrationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/api/v1/alerts?createdFrom=%2B999999999-01-01T00:00:00Z | createdFrom",
      "/api/v1/alerts?createdTo=9223372036854775807 | createdTo",
      "/api/v1/alerts?createdFrom=-999999999-01-01T00:00:00Z | createdFrom",
      "/api/v1/alerts?page=99999999999 | page",
      "/api/v1/alerts?page=1e9 | page",
      "/api/v1/alerts?size=-1 | size",
      "/api/v1/zones?page=2000000 | page",
      "/api/v1/zones?size=100000 | size"})
  void aQueryParameterOutOfBoundsIsA400NamingIt(String path, String parameter) {
    Api.Response response = api.get(path, auditor());
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains(parameter);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2026-05-24T16:49:00+02:00", "2026-05-24T14:49:00Z", "2026-05-24T14:49Z"})
  void aBoundedTimeIsAccepted(String time) {
    Api.Response response = api.get("/api/v1/alerts?createdFrom=" + time.replace("+", "%2B"),
        auditor());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }
}
