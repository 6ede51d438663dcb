package org.tocsin.local.issuer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OAuth 2 / OIDC issuer for the local stack (Spring Authorization Server): every local
 * operator is a client that obtains a signed JWT with the client-credentials grant, carrying its
 * name in {@code preferred_username}, its Tocsin roles in {@code roles} and the audience
 * {@value #AUDIENCE}, as alert-intake expects from any issuer (its subject is the client id).
 */
@Configuration(proxyBeanMethods = false)
public class LocalIssuerConfiguration {

  /** The audience alert-intake requires ({@code tocsin.security.audience}, its default). */
  public static final String AUDIENCE = "tocsin-api";

  @Bean
  @Order(1)
  SecurityFilterChain issuerEndpoints(HttpSecurity http) throws Exception {
    http.oauth2AuthorizationServer(server -> {
      http.securityMatcher(server.getEndpointsMatcher());
      server.oidc(Customizer.withDefaults());
    });
    http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
    return http.build();
  }

  @Bean
  RegisteredClientRepository localOperators(DemoOperators operators) {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    List<RegisteredClient> clients = operators.all().stream()
        .map(operator -> RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(operator.name())
            .clientSecret(encoder.encode(operator.secret()))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(8))
                .build())
            .build())
        .toList();
    return new InMemoryRegisteredClientRepository(clients);
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> tocsinClaims(DemoOperators operators) {
    Map<String, List<String>> roles = operators.all().stream()
        .collect(Collectors.toMap(DemoOperator::name, DemoOperator::roles));
    return context -> {
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        String name = context.getRegisteredClient().getClientId();
        context.getClaims()
            .claim("preferred_username", name)
            .claim("roles", roles.getOrDefault(name, List.of()))
            .audience(List.of(AUDIENCE));
      }
    };
  }
}
