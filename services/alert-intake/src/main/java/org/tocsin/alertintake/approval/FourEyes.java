package org.tocsin.alertintake.approval;

import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.alertintake.operator.Role;

/**
 * Who may release content: a person with the APPROVER role who is neither the one who drafted
 * it nor the one who asked for its release. Persons are compared by issuer and subject, never
 * by name; no role exempts anyone, ADMIN included.
 */
public final class FourEyes {

  private FourEyes() {
  }

  /** The answer: allowed, or refused with the reason a person can act on. */
  public sealed interface Verdict {

    /** The approver may release it. */
    record Allowed() implements Verdict {
    }

    /** The approver may not; {@code reason} says why. */
    record Refused(String reason) implements Verdict {
    }
  }

  public static Verdict release(Person drafter, Person requester, Operator approver) {
    if (!approver.has(Role.APPROVER)) {
      return new Verdict.Refused(approver.name() + " does not have the APPROVER role");
    }
    if (approver.person().isSameAs(drafter)) {
      return new Verdict.Refused("Four eyes: " + approver.name() + " drafted this content and "
          + "cannot also approve it; a second person must");
    }
    if (approver.person().isSameAs(requester)) {
      return new Verdict.Refused("Four eyes: " + approver.name() + " asked for the release of "
          + "this content and cannot also approve it; a second person must");
    }
    return new Verdict.Allowed();
  }
}
