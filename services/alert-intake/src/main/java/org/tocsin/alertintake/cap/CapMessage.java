package org.tocsin.alertintake.cap;

import java.time.Instant;
import java.util.List;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.alert.InfoText;
import org.tocsin.events.v1.MessageType;

/**
 * A CAP 1.2 message read and mapped onto Tocsin's model.
 *
 * @param content the alert it describes, with one info per language
 * @param references the identifiers of the messages it references
 */
record CapMessage(String identifier, String sender, Instant sent, MessageType msgType,
                  AlertContent content, List<String> references) {

  /** The texts of the message, per language, as a cancel's own texts. */
  List<InfoText> texts() {
    return content.infos();
  }

  String source() {
    return sender + "/" + identifier;
  }
}
