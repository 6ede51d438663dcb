package org.tocsin.alertintake.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What an access token must carry ({@code tocsin.security.*}). The issuer and its keys are
 * Spring's own properties ({@code spring.security.oauth2.resourceserver.jwt.*}).
 *
 * @param rolesClaim the claim holding the roles, a list or a space-separated string; a dotted
 *     path reaches into objects (default {@code roles}; {@code realm_access.roles} for
 *     Keycloak realm roles). Role names match exactly.
 * @param audience the value the token's {@code aud} claim must contain, so that a token the
 *     issuer minted for another service is refused (default {@code tocsin-api}, as the local
 *     issuer and the Keycloak realm in {@code deploy/keycloak} issue it)
 */
@Validated
@ConfigurationProperties("tocsin.security")
public record SecurityProperties(
    @DefaultValue("roles") @NotBlank String rolesClaim,
    @DefaultValue("tocsin-api") @NotBlank String audience) {
}
