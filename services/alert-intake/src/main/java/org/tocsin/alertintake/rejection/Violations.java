package org.tocsin.alertintake.rejection;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of one request, so the caller learns them all at once. */
public final class Violations {

  private final List<Violation> found = new ArrayList<>();

  public Violations add(String field, String reason) {
    found.add(new Violation(field, reason));
    return this;
  }

  public void addAll(List<Violation> violations) {
    found.addAll(violations);
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Violation> list() {
    return List.copyOf(found);
  }

  /** Throws an {@link Rejection.Kind#INVALID} rejection if any rule was broken. */
  public void throwIfAny(String detail) {
    if (!found.isEmpty()) {
      throw Rejection.invalid(detail + ": " + summary(), found);
    }
  }

  private String summary() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < found.size() && i < 3; i++) {
      if (i > 0) {
        text.append("; ");
      }
      text.append(found.get(i).field()).append(' ').append(found.get(i).reason());
    }
    if (found.size() > 3) {
      text.append("; and ").append(found.size() - 3).append(" more");
    }
    return text.toString();
  }
}
