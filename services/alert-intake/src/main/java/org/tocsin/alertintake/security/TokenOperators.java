package org.tocsin.alertintake.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tocsin.alertintake.operator.Role;

/**
 * Reads who a token stands for: the name from {@code preferred_username}, else the subject;
 * the roles from the configured claim. Names in the claim that are not Tocsin roles are
 * ignored; case does not matter.
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
    return new JwtAuthenticationToken(jwt, authorities, name(jwt));
  }

  static String name(Jwt jwt) {
    String preferred = jwt.getClaimAsString("preferred_username");
    return preferred != null && !preferred.isBlank() ? preferred : jwt.getSubject();
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
      String upper = String.valueOf(name).trim().toUpperCase(Locale.ROOT);
      for (Role role : Role.values()) {
        if (role.name().equals(upper)) {
          roles.add(role);
        }
      }
    }
    return roles;
  }
}
