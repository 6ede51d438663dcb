package org.tocsin.alertintake.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.alertintake.operator.Role;

/**
 * Reads who a token stands for: the person is its issuer and subject; the name shown is
 * {@code preferred_username}, else the subject; the roles come from the configured claim, each
 * name matched exactly ({@code operator} is not {@code OPERATOR}). Names that are not Tocsin
 * roles are ignored.
 */
final class TokenOperators implements Converter<Jwt, JwtAuthenticationToken> {

  private final String[] rolesClaimPath;

  TokenOperators(String rolesClaim) {
    this.rolesClaimPath = rolesClaim.split("\\.");
  }

  @Override
  public JwtAuthenticationToken convert(Jwt jwt) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (Role role : roles(jwt)) {
      authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }
    return new JwtAuthenticationToken(jwt, authorities, person(jwt).name());
  }

  /** The person of a validated token, which always has an issuer and a subject. */
  static Person person(Jwt jwt) {
    String preferred = jwt.getClaimAsString("preferred_username");
    String name = preferred != null && !preferred.isBlank() ? preferred : jwt.getSubject();
    return new Person(jwt.getClaimAsString("iss"), jwt.getSubject(), name);
  }

  Set<Role> roles(Jwt jwt) {
    Object claim = jwt.getClaims();
    for (String step : rolesClaimPath) {
      claim = claim instanceof Map<?, ?> map ? map.get(step) : null;
    }
    Collection<?> names = switch (claim) {
      case Collection<?> list -> list;
      case String text -> List.of(text.split("[\\s,]+"));
      case null, default -> List.of();
    };
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : names) {
      for (Role role : Role.values()) {
        if (role.name().equals(name)) {
          roles.add(role);
        }
      }
    }
    return roles;
  }
}
