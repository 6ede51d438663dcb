package org.tocsin.systemtest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dispatcher's own figures, read from its Prometheus endpoint: how many subscribers its
 * directory holds and how many recipients its fan-outs targeted.
 */
final class DispatcherMetrics {

  private final JsonHttp http;
  private final String dispatcherUrl;

  DispatcherMetrics(JsonHttp http, String dispatcherUrl) {
    this.http = http;
    this.dispatcherUrl = dispatcherUrl;
  }

  /** Subscribers with a verified contact of the dispatcher's channel. */
  long directorySubscribers() {
    return (long) sum("tocsin_dispatcher_directory_subscribers");
  }

  /** Recipients targeted by every fan-out since the dispatcher started. */
  long targeted() {
    return (long) sum("tocsin_dispatcher_targeted_total");
  }

  /** The sum of the samples of a metric (0 when it has none yet). */
  private double sum(String metric) {
    JsonHttp.Response response = http.get(dispatcherUrl + "/actuator/prometheus", null);
    if (response.status() != 200) {
      throw new IllegalStateException(dispatcherUrl + "/actuator/prometheus: " + response);
    }
    Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{[^}]*})? (\\S+)(?: \\d+)?$")
        .matcher(response.body());
    double sum = 0;
    while (samples.find()) {
      sum += Double.parseDouble(samples.group(1));
    }
    return sum;
  }
}
