package org.tocsin.alertintake.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request body limits ({@code tocsin.http.*}).
 *
 * @param maxBodySize largest request body (default 1MB)
 * @param maxZoneImportSize largest body of a zone import (default 32MB: a country's
 *     municipalities)
 */
@Validated
@ConfigurationProperties("tocsin.http")
public record HttpLimits(@DefaultValue("1MB") DataSize maxBodySize,
                         @DefaultValue("32MB") DataSize maxZoneImportSize) {
}
