package org.tocsin.alertpage.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.tocsin.alertpage.config.TopicProperties;
import org.tocsin.alertpage.pages.PageStore;
import org.tocsin.alertpage.pages.Prerenderer;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.worker.Recovery;
import org.tocsin.kafka.worker.RestartBackOff;

/**
 * Follows the alerts topic from its beginning, without a consumer group (every instance keeps
 * every page), and renders each batch of versions as it arrives. Until the follower has read
 * what the topic held when it started, the service is not ready.
 */
@Configuration(proxyBeanMethods = false)
class AlertsFollowerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AlertsFollowerConfiguration.class);

  @Bean
  Topics alertPageTopics(TopicProperties properties) {
    return new Topics(properties.topics());
  }

  @Bean
  TopicFollower<AlertEvent> alertPageFollower(Topics topics, KafkaProperties kafka,
                                              Prerenderer prerenderer,
                                              ObjectProvider<MeterRegistry> meters,
                                              Environment environment, Quarantine quarantine,
                                              RestartBackOff restart) {
    Topic<String, AlertEvent> alerts = topics.alerts();
    UnreadableAlerts values = new UnreadableAlerts(alerts.valueSerde().deserializer(),
        meters.getIfAvailable(SimpleMeterRegistry::new));
    String name = environment.getProperty("spring.application.name", "alert-page") + "-alerts";
    TopicFollower<AlertEvent> follower = new TopicFollower<>(name,
        kafka.buildConsumerProperties(), alerts, values, CompletableFuture.completedFuture(null),
        () -> TopicFollower.BEGINNING, records -> render(records, prerenderer, values),
        SmartLifecycle.DEFAULT_PHASE, new Recovery(quarantine, restart));
    follower.caughtUp().thenRun(prerenderer::caughtUp);
    return follower;
  }

  @Bean
  AlertPagesHealthIndicator alertPagesHealthIndicator(PageStore store,
                                                      TopicFollower<AlertEvent> follower) {
    return new AlertPagesHealthIndicator(store, follower);
  }

  /**
   * Renders the batch at once; if a version in it cannot be rendered, renders the batch again
   * one version at a time so that only that version goes without pages, logged and counted.
   */
  private static void render(ConsumerRecords<String, AlertEvent> records,
                             Prerenderer prerenderer, UnreadableAlerts values) {
    List<ConsumerRecord<String, AlertEvent>> read = new ArrayList<>(records.count());
    for (ConsumerRecord<String, AlertEvent> record : records) {
      if (record.value() != null) {
        read.add(record);
      }
    }
    try {
      prerenderer.apply(read.stream().map(ConsumerRecord::value).toList());
    } catch (RuntimeException batchFailed) {
      for (ConsumerRecord<String, AlertEvent> record : read) {
        try {
          prerenderer.apply(List.of(record.value()));
        } catch (RuntimeException e) {
          values.unrenderable();
          log.error("Version {} of alert {} ({}-{}@{}) has no page: it cannot be rendered",
              record.value().getVersion(), record.value().getAlertId(), record.topic(),
              record.partition(), record.offset(), e);
        }
      }
    }
  }
}
