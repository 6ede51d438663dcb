package org.tocsin.local;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local stack's own web application on port 9000: the OIDC issuer of the local operators
 * ({@link org.tocsin.local.issuer.LocalIssuerConfiguration}), the inbox of the local SMTP server
 * and an index of every local URL.
 */
@SpringBootApplication
@RestController
public class LocalConsoleApplication {

  private final LocalIndex index;

  public LocalConsoleApplication(LocalIndex index) {
    this.index = index;
  }

  @GetMapping(path = "/", produces = "text/html")
  public String index() {
    return index.html();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests
        .requestMatchers(HttpMethod.GET, "/", "/mail", "/mail/messages", "/error").permitAll()
        .anyRequest().denyAll());
    return http.build();
  }
}
