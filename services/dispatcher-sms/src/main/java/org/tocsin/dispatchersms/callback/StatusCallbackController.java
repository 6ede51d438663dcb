package org.tocsin.dispatchersms.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.tocsin.dispatcher.status.StatusPublisher;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * Receives Twilio's status callbacks. A callback whose {@code X-Twilio-Signature} does not
 * verify is refused (403) and counted; a verified final status is written to the
 * delivery-status topic before the answer, so a failure to store it is answered 503.
 */
@RestController
public class StatusCallbackController {

  private static final Logger log = LoggerFactory.getLogger(StatusCallbackController.class);

  private final StatusCallbacks callbacks;
  private final StatusPublisher statuses;
  private final Counter rejected;
  private final Counter accepted;

  public StatusCallbackController(StatusCallbacks callbacks, StatusPublisher statuses,
                                  MeterRegistry meters) {
    this.callbacks = callbacks;
    this.statuses = statuses;
    this.rejected = Counter.builder("tocsin.sms.callbacks.rejected")
        .description("Status callbacks refused for a missing or invalid signature")
        .register(meters);
    this.accepted = Counter.builder("tocsin.sms.callbacks.accepted")
        .description("Status callbacks with a valid signature").register(meters);
  }

  @PostMapping(path = "/sms/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  public ResponseEntity<?> status(HttpServletRequest request,
                                  @RequestHeader(name = "X-Twilio-Signature", required = false)
                                  String signature,
                                  @RequestBody(required = false)
                                  MultiValueMap<String, String> body) {
    Map<String, String> form = new HashMap<>();
    if (body != null) {
      body.forEach((name, values) -> form.put(name, values.isEmpty() ? "" : values.getFirst()));
    }
    Optional<StatusCallbacks.Account> account =
        callbacks.verify(request.getQueryString(), form, signature);
    if (account.isEmpty()) {
      rejected.increment();
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
          "The X-Twilio-Signature of this request is missing or invalid.");
      problem.setTitle("Invalid signature");
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
    accepted.increment();
    Optional<DeliveryStatus> status =
        callbacks.statusOf(account.get(), query(request.getQueryString()), form);
    if (status.isPresent()) {
      try {
        statuses.publish(status.get()).get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return unavailable();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Cannot store a delivery report: {}", e.toString());
        return unavailable();
      }
    }
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<ProblemDetail> unavailable() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ProblemDetail
        .forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Cannot store the report now."));
  }

  private static Map<String, String> query(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
