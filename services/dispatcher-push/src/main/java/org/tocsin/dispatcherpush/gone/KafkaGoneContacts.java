package org.tocsin.dispatcherpush.gone;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.tocsin.dispatcherpush.webpush.GoneContacts;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.events.v1.DeliveryTask;

/**
 * Publishes a {@link ContactGone} for every subscription a push service says is gone, for the
 * subscriptions service to remove it. Not on the task's path: the task ends FAILED whatever
 * happens here, and a report that cannot be written is not lost for good, since the next push
 * to that subscription is answered 404 or 410 again and reports it again.
 */
public final class KafkaGoneContacts implements GoneContacts {

  private static final Logger log = LoggerFactory.getLogger(KafkaGoneContacts.class);

  private final KafkaOperations<String, SpecificRecord> kafka;
  private final Topic<String, ContactGone> topic;
  private final Clock clock;
  private final Counter reported;
  private final Counter failed;

  public KafkaGoneContacts(KafkaOperations<String, SpecificRecord> kafka,
                           Topic<String, ContactGone> topic, Clock clock, MeterRegistry meters) {
    this.kafka = kafka;
    this.topic = topic;
    this.clock = clock;
    this.reported = Counter.builder("tocsin.push.contacts.gone")
        .description("Push subscriptions reported gone to the subscriptions service")
        .register(meters);
    this.failed = Counter.builder("tocsin.push.contacts.gone.unreported")
        .description("Gone push subscriptions whose report could not be written")
        .register(meters);
  }

  @Override
  public void gone(DeliveryTask task, int status, String provider) {
    ContactGone event = ContactGone.newBuilder()
        .setSubscriberId(task.getSubscriberId())
        .setChannel(task.getChannel())
        .setAddress(task.getRecipient())
        .setErrorCode("push-" + status)
        .setProvider(provider)
        .setTaskId(task.getTaskId())
        .setAt(clock.instant())
        .build();
    kafka.send(topic.name(), task.getSubscriberId(), event).whenComplete((sent, error) -> {
      if (error != null) {
        failed.increment();
        log.warn("Cannot report the gone push subscription of task {}: {}", task.getTaskId(),
            error.toString());
      } else {
        reported.increment();
      }
    });
  }
}
