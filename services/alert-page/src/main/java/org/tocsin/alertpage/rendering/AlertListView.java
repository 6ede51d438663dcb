package org.tocsin.alertpage.rendering;

import java.util.List;

/** The list of the alerts in force, and of those that ended recently, in one language. */
public record AlertListView(PageFrame frame, List<Item> current, List<Item> ended,
                            String endedHeading) {

  /** One alert of the list, in the list's language where the alert has it. */
  public record Item(String href, String marking, String sender, String contentLanguage,
                     String headline, String areaDescription, String stateKind,
                     String stateLine) {
  }
}
