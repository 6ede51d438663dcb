package org.tocsin.alertintake.alert;

/** The texts of an alert in one language (a CAP info block). */
public record InfoText(String language, String senderName, String headline, String description,
                       String instruction, String smsText, String web) {
}
