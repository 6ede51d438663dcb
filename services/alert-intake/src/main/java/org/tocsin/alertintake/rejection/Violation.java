package org.tocsin.alertintake.rejection;

/** One broken rule: the field (a JSON path such as {@code infos[1].headline}) and why. */
public record Violation(String field, String reason) {
}
