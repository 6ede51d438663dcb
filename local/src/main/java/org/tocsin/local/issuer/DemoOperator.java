package org.tocsin.local.issuer;

import java.util.List;

/** A local operator account: a client of the local issuer, with the Tocsin roles it carries. */
public record DemoOperator(String name, List<String> roles, String secret) {
}
