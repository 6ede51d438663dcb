package org.tocsin.alertintake.cap;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.tocsin.alertintake.alert.AlertView;

/**
 * The answer to a CAP message: the alert as the JSON calls show it, with the choices made
 * reading the message (which of differing values was kept, what was ignored).
 */
record CapAnswer(@JsonUnwrapped AlertView alert, List<CapWarning> warnings) {
}
