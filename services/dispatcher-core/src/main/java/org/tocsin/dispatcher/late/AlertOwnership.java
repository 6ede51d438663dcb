package org.tocsin.dispatcher.late;

import org.tocsin.events.v1.Lane;

/** Whether this instance fans out the alerts of a partition of the alerts topic in a lane. */
@FunctionalInterface
public interface AlertOwnership {

  boolean owns(Lane lane, int partition);
}
