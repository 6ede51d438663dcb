package org.tocsin.subscriptions.contact;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which contacts are accepted ({@code tocsin.subscriptions.contacts.*}).
 *
 * @param defaultRegion region of numbers written without an international prefix (default BE)
 * @param smsRegions regions whose mobile numbers may register for SMS (default: the European
 *     Union, the EEA, Switzerland and the United Kingdom). SMS pumping sends verification
 *     messages to expensive destinations: a number outside this list is refused
 * @param pushHosts host names (or parent domains) of the Web Push services whose endpoints are
 *     accepted (default: the push services of Chrome, Firefox, Edge and Safari); anything else
 *     would let a registration make the dispatcher call an arbitrary URL
 * @param allowInsecurePushEndpoints also accept {@code http} endpoints, on any port, on this
 *     machine's loopback addresses ({@code localhost}, {@code 127.0.0.1}) and on the hosts of
 *     {@code pushHosts}, for local push services in tests, the local stack and a test Docker
 *     stack's push fake (default false)
 */
@Validated
@ConfigurationProperties("tocsin.subscriptions.contacts")
public record ContactProperties(
    @DefaultValue("BE") @NotNull String defaultRegion,
    @DefaultValue({"AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB",
        "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT",
        "RO", "SE", "SI", "SK"}) @NotEmpty List<String> smsRegions,
    @DefaultValue({"fcm.googleapis.com", "push.services.mozilla.com", "notify.windows.com",
        "push.apple.com"}) @NotEmpty List<String> pushHosts,
    @DefaultValue("false") boolean allowInsecurePushEndpoints) {
}
