package org.tocsin.dispatcherpush.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.tocsin.dispatcher.autoconfigure.DispatcherProperties;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcherpush.gone.KafkaGoneContacts;
import org.tocsin.dispatcherpush.rendering.PushRenderer;
import org.tocsin.dispatcherpush.vapid.VapidKeys;
import org.tocsin.dispatcherpush.webpush.GoneContacts;
import org.tocsin.dispatcherpush.webpush.PushServices;
import org.tocsin.dispatcherpush.webpush.WebPushGateway;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;

/** The Web Push channel: the push services as dispatcher-core's gateway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PushProperties.class)
public class PushConfiguration {

  @Bean
  PushRenderer pushRenderer(PushProperties properties) {
    return new PushRenderer(properties.alertPageUrl(), properties.senderName());
  }

  @Bean
  VapidKeys vapidKeys(PushProperties properties) {
    return VapidKeys.of(properties.vapid().publicKey(), properties.vapid().privateKey());
  }

  @Bean
  GoneContacts goneContacts(
      @Qualifier("dispatcherStatusTemplate") KafkaTemplate<String, SpecificRecord> kafka,
      Topics topics, MeterRegistry meters) {
    return new KafkaGoneContacts(kafka, topics.contactsGone(), Clock.systemUTC(), meters);
  }

  @Bean
  KafkaAdmin.NewTopics contactsGoneTopic(Topics topics, DispatcherProperties properties) {
    return new KafkaAdmin.NewTopics(topics.contactsGone().newTopic(
        properties.dispatcher().topicPartitions(),
        properties.dispatcher().topicReplicationFactor()));
  }

  @Bean
  ChannelGateways pushGateways(PushProperties properties, VapidKeys keys, PushRenderer renderer,
                               GoneContacts gone, MeterRegistry meters) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    List<PushServices.Definition> services = properties.services().entrySet().stream()
        .map(entry -> new PushServices.Definition(entry.getKey(), entry.getValue().hosts(),
            entry.getValue().messagesPerSecond(), entry.getValue().maxConcurrentRequests()))
        .toList();
    WebPushGateway gateway = new WebPushGateway(new WebPushGateway.Settings(
        properties.account(), properties.maxConcurrentRequests(), properties.responseTimeout(),
        properties.maxTtl(), properties.defaultRetryAfter(), properties.maxRetryAfter(),
        properties.serviceQueueTimeout(), properties.allowInsecureEndpoints(),
        properties.vapid().subject(), properties.vapid().tokenValidity()),
        keys.toKeyPair(), renderer, http, services,
        properties.defaultService().messagesPerSecond(),
        properties.defaultService().maxConcurrentRequests(), gone, Clock.systemUTC(), meters);
    return ChannelGateways.of(Channel.PUSH, gateway);
  }
}
