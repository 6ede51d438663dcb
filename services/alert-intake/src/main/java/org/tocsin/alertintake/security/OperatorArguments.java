package org.tocsin.alertintake.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.operator.Role;

/**
 * Gives controller methods the {@link Operator} of the request: the authenticated person (issuer
 * and subject of the token), their roles, and where the request came from (the client address as the servlet container
 * sees it; behind a proxy, set {@code server.forward-headers-strategy}).
 */
final class OperatorArguments implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Operator.class;
  }

  @Override
  public Operator resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest webRequest, WebDataBinderFactory binders) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)
        || !authentication.isAuthenticated()) {
      throw new IllegalStateException("No authenticated operator for this request");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      for (Role role : Role.values()) {
        if (("ROLE_" + role.name()).equals(authority.getAuthority())) {
          roles.add(role);
        }
      }
    }
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    String userAgent = request.getHeader("User-Agent");
    if (userAgent != null && userAgent.length() > 300) {
      userAgent = userAgent.substring(0, 300);
    }
    return new Operator(TokenOperators.person(token.getToken()), roles, request.getRemoteAddr(),
        userAgent);
  }
}
