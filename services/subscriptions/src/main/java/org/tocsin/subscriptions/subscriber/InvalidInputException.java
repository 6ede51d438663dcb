package org.tocsin.subscriptions.subscriber;

import java.util.List;

/** Input refused as a whole, with every field at fault and why; nothing was changed. */
public class InvalidInputException extends RuntimeException {

  private final List<Violation> violations;

  public InvalidInputException(List<Violation> violations) {
    super(violations.size() + " invalid field(s)");
    this.violations = List.copyOf(violations);
  }

  public static InvalidInputException of(String field, String reason) {
    return new InvalidInputException(List.of(new Violation(field, reason)));
  }

  public List<Violation> violations() {
    return violations;
  }

  /** One field at fault, by its JSON path (e.g. {@code contacts[1].address}), and why. */
  public record Violation(String field, String reason) {
  }
}
