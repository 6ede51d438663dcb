package org.tocsin.alertintake.alert;

import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;

/**
 * Runs a call made under an Idempotency-Key. If a concurrent request with the same key won the
 * race, this call's transaction was rolled back whole; running it again finds the winner's
 * stored response and returns it.
 */
public final class IdempotentCalls {

  private IdempotentCalls() {
  }

  public static AlertService.Outcome run(Supplier<AlertService.Outcome> call) {
    try {
      return call.get();
    } catch (DuplicateKeyException raced) {
      return call.get();
    }
  }
}
