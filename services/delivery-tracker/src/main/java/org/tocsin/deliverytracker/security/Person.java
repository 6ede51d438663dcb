package org.tocsin.deliverytracker.security;

/**
 * Who acts: the issuer and subject of their token (compared exactly), and a name for display.
 */
public record Person(String issuer, String subject, String name) {
}
