package org.tocsin.outbox;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.tocsin.events.topics.TopicNames;
import org.tocsin.events.topics.Topics;

/** A service that has nothing but an outbox, announcing subscriber changes. */
@SpringBootApplication
class OutboxTestApplication {

  static final Topics TOPICS = new Topics(new TopicNames(null, "outbox-it.subscriptions",
      null, null, null, null, null, null, null));

  @Bean
  NewTopic subscriptionsTopic() {
    return TOPICS.subscriptions().newTopic(3, (short) 1);
  }

  @Bean
  Topics topics() {
    return TOPICS;
  }

  static List<String> revisions(List<org.tocsin.events.v1.SubscriberChanged> events) {
    return events.stream().map(e -> e.getSubscriberId() + "#" + e.getRevision()).toList();
  }
}
