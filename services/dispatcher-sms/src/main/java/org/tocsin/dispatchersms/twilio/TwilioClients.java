package org.tocsin.dispatchersms.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import java.time.Duration;

/**
 * Builds the real Twilio SDK client of an account: a connection pool sized to its concurrency,
 * our timeouts, no retries of its own (the SDK retries 5xx answers and HttpClient 429/503 by
 * default; the sending loop decides instead), and, when an API base URL is configured, a route
 * planner that sends every request there (the SDK has no base-URL setting).
 */
public final class TwilioClients {

  private TwilioClients() {
  }

  /**
   * How to reach one account.
   *
   * @param apiBaseUrl where requests go instead of Twilio (null: Twilio)
   */
  public record Connection(String accountSid, String authToken, String apiKeySid,
                           String apiKeySecret, String apiBaseUrl, int maxConcurrentRequests,
                           Duration connectTimeout, Duration responseTimeout) {
  }

  public static TwilioRestClient create(Connection account) {
    Timeout connect = Timeout.of(account.connectTimeout());
    Timeout response = Timeout.of(account.responseTimeout());
    HttpClientBuilder http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(account.maxConcurrentRequests())
            .setMaxConnPerRoute(account.maxConcurrentRequests())
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(connect).setSocketTimeout(response).build())
            .build())
        .disableAutomaticRetries();
    if (account.apiBaseUrl() != null && !account.apiBaseUrl().isBlank()) {
      URI base = URI.create(account.apiBaseUrl());
      boolean secure = "https".equalsIgnoreCase(base.getScheme());
      HttpHost target = new HttpHost(base.getScheme(), base.getHost(),
          base.getPort() > 0 ? base.getPort() : secure ? 443 : 80);
      HttpRoute route = new HttpRoute(target, null, secure);
      http.setRoutePlanner((host, context) -> route);
    }
    NetworkHttpClient client = new NetworkHttpClient(http) {
      @Override
      public Response reliableRequest(Request request) {
        return makeRequest(request);
      }
    };
    TwilioRestClient.Builder builder = present(account.apiKeySid())
        ? new TwilioRestClient.Builder(account.apiKeySid(), account.apiKeySecret())
            .accountSid(account.accountSid())
        : new TwilioRestClient.Builder(account.accountSid(), account.authToken());
    return builder.httpClient(client).build();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
