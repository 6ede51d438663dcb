package org.tocsin.deliverytracker.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/** Which topics the tracker reads, and what each carries. */
final class TopicKinds {

  enum Kind { ALERTS, STATUSES, TASKS, DEAD_LETTERS, QUARANTINE }

  record Source(Kind kind, Channel channel, Lane lane) {
  }

  private final Map<String, Source> byTopic = new HashMap<>();

  TopicKinds(Topics topics, String quarantineTopic) {
    byTopic.put(topics.alerts().name(), new Source(Kind.ALERTS, null, null));
    byTopic.put(topics.deliveryStatus().name(), new Source(Kind.STATUSES, null, null));
    byTopic.put(quarantineTopic, new Source(Kind.QUARANTINE, null, null));
    for (Channel channel : Channel.values()) {
      for (Lane lane : Lane.values()) {
        byTopic.put(topics.deliveries(channel, lane).name(), new Source(Kind.TASKS, channel, lane));
      }
      byTopic.put(topics.deadLetters(channel).name(), new Source(Kind.DEAD_LETTERS, channel, null));
    }
  }

  Source of(String topic) {
    return byTopic.get(topic);
  }

  List<String> topics() {
    return new ArrayList<>(byTopic.keySet());
  }
}
