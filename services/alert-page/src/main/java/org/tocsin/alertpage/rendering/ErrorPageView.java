package org.tocsin.alertpage.rendering;

/** A page that says why there is no alert page to show. */
public record ErrorPageView(PageFrame frame, String heading, String text) {
}
