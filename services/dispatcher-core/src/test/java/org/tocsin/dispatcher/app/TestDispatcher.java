package org.tocsin.dispatcher.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.events.topics.TopicNames;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.testing.kafka.KafkaBroker;

/** Starts {@link TestDispatcherApplication} in this JVM on topics and groups of its own. */
public final class TestDispatcher {

  private TestDispatcher() {
  }

  /** Topics named after {@code prefix}. */
  public static Topics topics(String prefix) {
    return new Topics(new TopicNames(prefix + ".alerts", prefix + ".subscriptions",
        prefix + ".deliveries.{channel}.{lane}", prefix + ".deliveries.{channel}.dead",
        prefix + ".delivery-status", prefix + ".zones", prefix + ".contacts-gone",
        prefix + ".quarantine",
        prefix + ".instance-leases"));
  }

  /** Creates the topics a dispatcher of the SMS channel uses, 3 partitions each. */
  public static void createTopics(KafkaBroker broker, Topics topics) {
    List<NewTopic> definitions = new ArrayList<>();
    topics.forChannel(Channel.SMS).forEach(topic -> definitions.add(topic.newTopic(3, (short) 1)));
    definitions.add(topics.quarantine().newTopic(3, (short) 1));
    definitions.add(topics.instanceLeases().newTopic(1, (short) 1));
    broker.createTopics(definitions);
  }

  public static ConfigurableApplicationContext start(KafkaBroker broker, String prefix,
                                                     Topics topics, String... extra) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.main.web-application-type=none",
        "--spring.application.name=" + prefix,
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--tocsin.dispatcher.instance-id=" + prefix,
        "--tocsin.dispatcher.topic-partitions=3"));
    Map<String, String> names = new LinkedHashMap<>();
    names.put("alerts", topics.alerts().name());
    names.put("subscriptions", topics.subscriptions().name());
    names.put("deliveries", topics.names().deliveries());
    names.put("dead-letters", topics.names().deadLetters());
    names.put("delivery-status", topics.deliveryStatus().name());
    names.put("zones", topics.zones().name());
    names.put("quarantine", topics.quarantine().name());
    names.put("instance-leases", topics.instanceLeases().name());
    names.forEach((name, value) -> arguments.add("--tocsin.topics." + name + "=" + value));
    arguments.addAll(List.of(extra));
    return new SpringApplicationBuilder(TestDispatcherApplication.class)
        .run(arguments.toArray(String[]::new));
  }
}
