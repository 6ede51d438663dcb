package org.tocsin.deliverytracker.lookup;

import java.util.List;
import org.tocsin.deliverytracker.figures.Category;
import org.tocsin.events.v1.Lane;

/**
 * What happened to one contact for one alert: each task the fan-out made for it, per version,
 * with the categories it is counted in. The contact is shown masked.
 *
 * @param complete false if the look-up reached its record or time limit before the end
 */
public record LookupResult(String alertId, String maskedContact, boolean complete,
                           List<Task> tasks) {

  public record Task(int version, String taskId, Lane lane, List<Category> categories) {
  }
}
