package org.tocsin.deliverytracker.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads who a token stands for, as alert-intake does: the person is its issuer and subject; the
 * name shown is {@code preferred_username}, else the subject; the roles come from the configured
 * claim, each matched exactly ({@code operator} is not {@code OPERATOR}).
 */
public final class TokenRoles implements Converter<Jwt, JwtAuthenticationToken> {

  private final String[] rolesClaimPath;

  public TokenRoles(String rolesClaim) {
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

  /** The person of an authenticated request. */
  public static Person person(Authentication authentication) {
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      throw new IllegalStateException("No authenticated person for this request");
    }
    return person(token.getToken());
  }

  static Person person(Jwt jwt) {
    String preferred = jwt.getClaimAsString("preferred_username");
    String name = preferred != null && !preferred.isBlank() ? preferred : jwt.getSubject();
    return new Person(jwt.getClaimAsString("iss"), jwt.getSubject(), name);
  }

  List<Role> roles(Jwt jwt) {
    Object claim = jwt.getClaims();
    for (String step : rolesClaimPath) {
      claim = claim instanceof Map<?, ?> map ? map.get(step) : null;
    }
    Collection<?> names = switch (claim) {
      case Collection<?> list -> list;
      case String text -> List.of(text.split("[\\s,]+"));
      case null, default -> List.of();
    };
    List<Role> roles = new ArrayList<>();
    for (Role role : Role.values()) {
      if (names.contains(role.name())) {
        roles.add(role);
      }
    }
    return roles;
  }
}
