package org.tocsin.deliverytracker.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What an access token must carry ({@code tocsin.security.*}), as for alert-intake. The issuer
 * and its keys are Spring's own properties ({@code spring.security.oauth2.resourceserver.jwt.*}).
 *
 * @param rolesClaim the claim holding the roles, a list or a space-separated string; a dotted
 *     path reaches into objects (default {@code roles}; {@code realm_access.roles} for Keycloak)
 * @param audience the value the token's {@code aud} claim must contain (default
 *     {@code tocsin-api})
 */
@Validated
@ConfigurationProperties("tocsin.security")
public record SecurityProperties(
    @DefaultValue("roles") @NotBlank String rolesClaim,
    @DefaultValue("tocsin-api") @NotBlank String audience) {
}
