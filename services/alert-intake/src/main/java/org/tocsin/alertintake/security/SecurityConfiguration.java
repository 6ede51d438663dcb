package org.tocsin.alertintake.security;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tocsin.alertintake.operator.Role;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API call needs a bearer JWT from the configured issuer, for the configured audience,
 * with a subject; what it may do depends on its roles. There is no switch to turn this off.
 * Who may release what (four eyes) is decided by the approval rules, for every role alike.
 *
 * <table>
 *   <tr><th>call</th><th>roles</th></tr>
 *   <tr><td>create, issue</td><td>OPERATOR</td></tr>
 *   <tr><td>approve, reject</td><td>APPROVER (approve: neither the drafter nor the
 *       requester)</td></tr>
 *   <tr><td>update, cancel, all-clear</td><td>OPERATOR, APPROVER (under ACTUAL, an update or
 *       an own-text cancel waits for approval)</td></tr>
 *   <tr><td>read alerts and pending approvals, export CAP</td><td>OPERATOR, APPROVER,
 *       AUDITOR</td></tr>
 *   <tr><td>audit trail</td><td>AUDITOR, APPROVER</td></tr>
 *   <tr><td>read zones</td><td>every role</td></tr>
 *   <tr><td>import and delete zones</td><td>ADMIN</td></tr>
 * </table>
 *
 * Health, Prometheus metrics and the OpenAPI document are open (keep the management port
 * inside the network in production).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

  private static final String OPERATOR = Role.OPERATOR.name();
  private static final String APPROVER = Role.APPROVER.name();
  private static final String AUDITOR = Role.AUDITOR.name();
  private static final String ADMIN = Role.ADMIN.name();

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties,
                                  JsonMapper json) throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    http
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/alerts").hasRole(OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/issue").hasRole(OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/approve",
                "/api/v1/alerts/*/reject").hasRole(APPROVER)
            .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/update",
                "/api/v1/alerts/*/cancel", "/api/v1/alerts/*/all-clear")
            .hasAnyRole(OPERATOR, APPROVER)
            .requestMatchers(HttpMethod.GET, "/api/v1/alerts/*/audit")
            .hasAnyRole(AUDITOR, APPROVER)
            .requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/**")
            .hasAnyRole(OPERATOR, APPROVER, AUDITOR)
            .requestMatchers(HttpMethod.GET, "/api/v1/zones", "/api/v1/zones/**")
            .hasAnyRole(OPERATOR, APPROVER, AUDITOR, ADMIN)
            .requestMatchers(HttpMethod.POST, "/api/v1/zones").hasRole(ADMIN)
            .requestMatchers(HttpMethod.DELETE, "/api/v1/zones/*").hasRole(ADMIN)
            .anyRequest().denyAll())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.jwtAuthenticationConverter(
                new TokenOperators(properties.rolesClaim())))
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems));
    return http.build();
  }

  /**
   * Checks the {@code iss} claim whatever the source of the keys: Spring Boot checks it itself
   * only when the keys come from the issuer or a JWK set URI, not from a public key file.
   */
  @Bean
  @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
  OAuth2TokenValidator<Jwt> issuerValidator(
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
    return new JwtIssuerValidator(issuer);
  }

  /** Refuses a token the issuer minted for another service. */
  @Bean
  OAuth2TokenValidator<Jwt> audienceValidator(SecurityProperties properties) {
    String audience = properties.audience();
    return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
        aud -> aud != null && aud.contains(audience));
  }

  /** A person is their issuer and subject: a token without a subject names nobody. */
  @Bean
  OAuth2TokenValidator<Jwt> subjectValidator() {
    return new JwtClaimValidator<String>(JwtClaimNames.SUB,
        sub -> sub != null && !sub.isBlank());
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new OperatorArguments());
  }
}
