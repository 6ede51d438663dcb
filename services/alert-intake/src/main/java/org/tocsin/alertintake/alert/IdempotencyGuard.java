package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.rejection.Rejection;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a repeated request made under an {@code Idempotency-Key} with its first response, and
 * keeps the response of a first one, in the transaction of the change it made.
 */
@Component
class IdempotencyGuard {

  private final IdempotencyKeys keys;
  private final JsonMapper json;

  IdempotencyGuard(IdempotencyKeys keys, JsonMapper json) {
    this.keys = keys;
    this.json = json;
  }

  /** The first response, if this key was used for this request; refused for another request. */
  Optional<AlertService.Outcome> replay(Operator operator, AlertService.Idempotency idempotency) {
    if (idempotency == null) {
      return Optional.empty();
    }
    return keys.find(operator.person(), idempotency.key()).map(stored -> {
      if (!stored.requestHash().equals(idempotency.requestHash())) {
        throw new Rejection(Rejection.Kind.INVALID, "Idempotency-Key reused",
            "The Idempotency-Key '" + idempotency.key() + "' was used for a different request; "
                + "use a new key for a new request");
      }
      return new AlertService.Outcome(stored.status(),
          json.readValue(stored.body(), AlertView.class), true);
    });
  }

  AlertService.Outcome remember(Operator operator, AlertService.Idempotency idempotency,
                                AlertService.Outcome outcome, Instant now) {
    if (idempotency != null) {
      keys.store(operator.person(), idempotency.key(), idempotency.requestHash(),
          outcome.status(), json.writeValueAsString(outcome.alert()), now);
    }
    return outcome;
  }
}
