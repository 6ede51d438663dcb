package org.tocsin.deliverytracker.security;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API call needs a bearer JWT from the operators' issuer, for the configured audience,
 * with a subject, as alert-intake asks. The dashboard's own files (HTML, JavaScript, the chart
 * library) are open: they hold no data, and fetch everything with the operator's token.
 *
 * <table>
 *   <tr><th>call</th><th>roles</th></tr>
 *   <tr><td>figures, warnings, the event stream, SENT without final status</td>
 *       <td>OPERATOR, APPROVER, AUDITOR, ADMIN</td></tr>
 *   <tr><td>dead letters, quarantine, audit of replays and look-ups</td>
 *       <td>AUDITOR, ADMIN</td></tr>
 *   <tr><td>replay dead letters</td><td>ADMIN</td></tr>
 *   <tr><td>look up one recipient of an alert</td><td>OPERATOR, APPROVER, ADMIN</td></tr>
 * </table>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String OPERATOR = Role.OPERATOR.name();
  private static final String APPROVER = Role.APPROVER.name();
  private static final String AUDITOR = Role.AUDITOR.name();
  private static final String ADMIN = Role.ADMIN.name();
  private static final String API = "/api/v1/deliveries";

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
            .requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard/**",
                "/webjars/**", "/favicon.ico").permitAll()
            .requestMatchers(HttpMethod.POST, API + "/dead-letters/replays").hasRole(ADMIN)
            .requestMatchers(HttpMethod.GET, API + "/dead-letters", API + "/dead-letters/**",
                API + "/quarantine", API + "/lookups").hasAnyRole(AUDITOR, ADMIN)
            .requestMatchers(HttpMethod.POST, API + "/*/lookups")
            .hasAnyRole(OPERATOR, APPROVER, ADMIN)
            .requestMatchers(HttpMethod.GET, API, API + "/**")
            .hasAnyRole(OPERATOR, APPROVER, AUDITOR, ADMIN)
            .anyRequest().denyAll())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenRoles(properties.rolesClaim())))
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems));
    return http.build();
  }

  /** Checks {@code iss} whatever the source of the keys (a public key file checks nothing). */
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
}
