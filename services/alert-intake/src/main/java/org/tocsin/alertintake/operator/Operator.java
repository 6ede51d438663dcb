package org.tocsin.alertintake.operator;

import java.util.Set;

/**
 * The person behind a request, as the audit trail records them.
 *
 * @param name the token's {@code preferred_username}, else its subject
 * @param roles the roles the token grants
 * @param remoteAddress where the request came from
 * @param userAgent the client's User-Agent, if any
 */
public record Operator(String name, Set<Role> roles, String remoteAddress, String userAgent) {

  public Operator {
    roles = Set.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** The service itself, for changes nobody asked for (expiry). */
  public static Operator system(String what) {
    return new Operator("system", Set.of(), what, null);
  }
}
