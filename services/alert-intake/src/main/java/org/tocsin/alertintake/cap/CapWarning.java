package org.tocsin.alertintake.cap;

/**
 * A choice Tocsin made reading a CAP message, for the sender to check: which value of several
 * it kept, or what it ignored and why.
 *
 * @param field where in the message, e.g. {@code alert.info[1].severity}
 */
public record CapWarning(String field, String reason) {
}
