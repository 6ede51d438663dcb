package org.tocsin.alertintake.operator;

import java.util.Set;

/**
 * The person behind a request, as the rules and the audit trail see them.
 *
 * @param person who they are (issuer and subject of their token)
 * @param roles the roles the token grants
 * @param remoteAddress where the request came from
 * @param userAgent the client's User-Agent, if any
 */
public record Operator(Person person, Set<Role> roles, String remoteAddress, String userAgent) {

  public Operator {
    roles = Set.copyOf(roles);
  }

  /** The name for display; never compared to decide anything. */
  public String name() {
    return person.name();
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** The service itself, for changes nobody asked for (expiry). */
  public static Operator system(String what) {
    return new Operator(Person.system(), Set.of(), what, null);
  }
}
