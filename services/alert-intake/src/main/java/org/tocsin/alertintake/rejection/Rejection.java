package org.tocsin.alertintake.rejection;

import java.util.List;

/**
 * A request Tocsin refuses, with the reason a person can act on. Thrown by the features and
 * turned into an RFC 9457 problem detail at the edge; the transaction it interrupts is rolled
 * back, so a refused request leaves nothing behind.
 */
public class Rejection extends RuntimeException {

  private final Kind kind;
  private final String title;
  private final List<Violation> violations;

  public Rejection(Kind kind, String title, String detail, List<Violation> violations) {
    super(detail);
    this.kind = kind;
    this.title = title;
    this.violations = List.copyOf(violations);
  }

  public Rejection(Kind kind, String title, String detail) {
    this(kind, title, detail, List.of());
  }

  /** Well-formed input that breaks the rules: each violation names the field and the reason. */
  public static Rejection invalid(String detail, List<Violation> violations) {
    return new Rejection(Kind.INVALID, "Invalid input", detail, violations);
  }

  public static Rejection invalid(Violation violation) {
    return invalid(violation.field() + ": " + violation.reason(), List.of(violation));
  }

  public static Rejection notFound(String what) {
    return new Rejection(Kind.NOT_FOUND, "Not found", what + " does not exist");
  }

  public static Rejection conflict(String detail) {
    return new Rejection(Kind.CONFLICT, "Conflict with the current state", detail);
  }

  public static Rejection forbidden(String detail) {
    return new Rejection(Kind.FORBIDDEN, "Not allowed", detail);
  }

  public Kind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<Violation> violations() {
    return violations;
  }

  /** What went wrong, which decides the HTTP status. */
  public enum Kind {
    /** 400: the input cannot be read at all. */
    MALFORMED,
    /** 422: readable input that breaks a rule. */
    INVALID,
    /** 404. */
    NOT_FOUND,
    /** 409: not possible in the current state. */
    CONFLICT,
    /** 403: the caller may not do this (four eyes). */
    FORBIDDEN,
    /** 413: larger than accepted. */
    TOO_LARGE
  }
}
