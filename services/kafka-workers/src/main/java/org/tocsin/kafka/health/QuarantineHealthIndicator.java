package org.tocsin.kafka.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.QuarantinedRecord;

/**
 * Always UP (a quarantined record does not stop a consumer, so it says nothing about
 * readiness): the details give how many records this process quarantined and the metadata of
 * the latest ones, never their content.
 */
public final class QuarantineHealthIndicator extends AbstractHealthIndicator {

  private final Quarantine quarantine;

  public QuarantineHealthIndicator(Quarantine quarantine) {
    this.quarantine = quarantine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up().withDetail("topic", quarantine.topicName())
        .withDetail("quarantined", quarantine.count());
    List<QuarantinedRecord> recent = quarantine.recent();
    if (!recent.isEmpty()) {
      builder.withDetail("latest", recent.stream().map(QuarantineHealthIndicator::view).toList());
    }
  }

  private static Map<String, Object> view(QuarantinedRecord record) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("sourceTopic", record.sourceTopic());
    view.put("sourcePartition", record.sourcePartition());
    view.put("sourceOffset", record.sourceOffset());
    view.put("consumer", record.consumer());
    view.put("reason", record.reason().name());
    view.put("error", record.errorType());
    view.put("at", record.quarantinedAt().toString());
    return view;
  }
}
