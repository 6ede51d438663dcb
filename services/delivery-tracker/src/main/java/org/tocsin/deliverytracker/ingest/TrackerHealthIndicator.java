package org.tocsin.deliverytracker.ingest;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Ready once the ingest has read everything that was on the topics when it started (before
 * that its figures are behind) and while it runs without failing.
 */
@Component("tracker")
public class TrackerHealthIndicator extends AbstractHealthIndicator {

  private final Ingest ingest;
  private final IngestWorker worker;

  public TrackerHealthIndicator(Ingest ingest, IngestWorker worker) {
    this.ingest = ingest;
    this.worker = worker;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    IngestProgress progress = ingest.progress();
    String error = worker.lastError();
    if (!worker.isRunning() || error != null) {
      builder.down();
    } else if (!progress.caughtUp()) {
      builder.outOfService();
    } else {
      builder.up();
    }
    builder.withDetail("recordsRead", progress.records())
        .withDetail("caughtUp", progress.caughtUp());
    if (progress.lastCheckpoint() != null) {
      builder.withDetail("lastCheckpoint", progress.lastCheckpoint().toString());
    }
    if (error != null) {
      builder.withDetail("lastError", error);
    }
  }
}
