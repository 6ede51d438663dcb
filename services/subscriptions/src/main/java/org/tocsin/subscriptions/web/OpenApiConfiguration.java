package org.tocsin.subscriptions.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Tocsin subscriptions", version = "v1",
    description = "Citizens register places and zones to receive public warnings, verify their "
        + "contacts, manage, export and erase their data. Errors are RFC 9457 problem details.",
    license = @License(name = "Apache License 2.0",
        url = "https://www.apache.org/licenses/LICENSE-2.0")))
@SecurityScheme(name = "managementToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
    description = "The management token of the subscription, given at registration or by a "
        + "management code")
class OpenApiConfiguration {
}
