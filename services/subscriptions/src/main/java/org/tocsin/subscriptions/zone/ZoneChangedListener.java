package org.tocsin.subscriptions.zone;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.tocsin.events.v1.ZoneChanged;

/**
 * Reads alert-intake's compacted zones topic from its beginning every time partitions are
 * assigned, so that the local catalogue is complete whatever happened to it, and applies each
 * record; replays are idempotent.
 */
@Component
class ZoneChangedListener extends AbstractConsumerSeekAware {

  private final ZoneCatalogue catalogue;

  ZoneChangedListener(ZoneCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @KafkaListener(id = "zone-catalogue", topics = "#{@topics.zones().name()}",
      groupId = "${spring.application.name}-zones",
      containerFactory = "zoneListenerContainerFactory")
  void onZoneChanged(ConsumerRecord<String, ZoneChanged> record) {
    if (record.key() == null) {
      return;
    }
    catalogue.apply(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
  }

  @Override
  public void onPartitionsAssigned(Map<TopicPartition, Long> assignments,
                                   ConsumerSeekCallback callback) {
    super.onPartitionsAssigned(assignments, callback);
    callback.seekToBeginning(assignments.keySet());
  }
}
