package org.tocsin.alertintake.operator;

import java.util.Objects;

/**
 * Who a person is: the issuer of their token and their subject there, compared exactly. The
 * name ({@code preferred_username}) is only for display: it can change and need not be unique.
 *
 * @param issuer the token's {@code iss}; null only in records made before identities were kept
 * @param subject the token's {@code sub}; null only in records made before identities were kept
 * @param name how the person is shown in views, events and the audit trail
 */
public record Person(String issuer, String subject, String name) {

  public Person {
    Objects.requireNonNull(name, "name");
    if ((issuer == null) != (subject == null)) {
      throw new IllegalArgumentException("A person has both an issuer and a subject, or neither");
    }
  }

  /**
   * Whether this is the same person. A record made before identities were kept has only a
   * name: it is taken to be anyone of that name, so that such a record can never let someone
   * approve their own text.
   */
  public boolean isSameAs(Person other) {
    if (subject == null || other.subject == null) {
      return name.equals(other.name);
    }
    return issuer.equals(other.issuer) && subject.equals(other.subject);
  }

  /** The service itself, for changes nobody asked for (expiry). */
  public static Person system() {
    return new Person("tocsin", "system", "system");
  }
}
