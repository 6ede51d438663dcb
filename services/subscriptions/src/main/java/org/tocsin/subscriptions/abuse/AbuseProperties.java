package org.tocsin.subscriptions.abuse;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits against abuse ({@code tocsin.subscriptions.rate-limits.*}), each written
 * {@code count/period}. A client is the address of the HTTP client (an IPv6 client counts by
 * its /64 network); a contact is one normalised phone number, e-mail address or push endpoint.
 *
 * @param registrationsPerClient registrations from one client (default 20/10m)
 * @param codesPerClient verification and management codes one client makes us send (default
 *     30/10m)
 * @param codesPerContact codes sent to one contact (default 5/1h)
 * @param codeChecksPerClient codes one client submits (default 30/10m)
 * @param smsNumbersPerClient distinct mobile numbers one client registers (default 5/1h): many
 *     numbers from one address is the signature of SMS pumping
 * @param smsNumbersPerBlock distinct numbers of one block (numbers equal but for their last two
 *     digits) registered by anyone (default 3/1h): pumping walks through sequential numbers
 * @param smsPerForeignRegion codes sent by SMS to the numbers of one region that is not a home
 *     region (default 30/10m): pumping bursts to one country
 * @param homeRegions regions whose numbers are not limited per region, because a surge of
 *     registrations from the country served is what a crisis brings (default BE)
 */
@Validated
@ConfigurationProperties("tocsin.subscriptions.rate-limits")
public record AbuseProperties(
    @DefaultValue("20/10m") @NotNull Rate registrationsPerClient,
    @DefaultValue("30/10m") @NotNull Rate codesPerClient,
    @DefaultValue("5/1h") @NotNull Rate codesPerContact,
    @DefaultValue("30/10m") @NotNull Rate codeChecksPerClient,
    @DefaultValue("5/1h") @NotNull Rate smsNumbersPerClient,
    @DefaultValue("3/1h") @NotNull Rate smsNumbersPerBlock,
    @DefaultValue("30/10m") @NotNull Rate smsPerForeignRegion,
    @DefaultValue("BE") @NotNull List<String> homeRegions) {
}
