package org.tocsin.alertintake.cap;

import java.time.Instant;
import java.util.List;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.alert.InfoText;
import org.tocsin.events.v1.MessageType;

/**
 * A CAP 1.2 message read and mapped onto Tocsin's model.
 *
 * @param content the alert it describes, with one info per language; its area names the zones
 *     of Tocsin's own geocodes, not yet those of {@code geocodes}
 * @param references the identifiers of the messages it references
 * @param geocodes the areas whose geocodes are to be resolved through the zones' external codes
 * @param warnings the choices made reading it
 */
record CapMessage(String identifier, String sender, Instant sent, MessageType msgType,
                  AlertContent content, List<String> references, List<GeocodedArea> geocodes,
                  List<CapWarning> warnings) {

  CapMessage {
    references = List.copyOf(references);
    geocodes = List.copyOf(geocodes);
    warnings = List.copyOf(warnings);
  }

  /**
   * An {@code <area>} with geocodes to resolve.
   *
   * @param placed whether the area has a place without them: a polygon, a circle or a zone
   */
  record GeocodedArea(String field, boolean placed, List<CapInfo.Geocode> geocodes) {
  }

  /** The texts of the message, per language, as a cancel's own texts. */
  List<InfoText> texts() {
    return content.infos();
  }

  String source() {
    return sender + "/" + identifier;
  }

  CapMessage with(AlertContent content, List<CapWarning> warnings) {
    return new CapMessage(identifier, sender, sent, msgType, content, references, List.of(),
        warnings);
  }
}
