package org.tocsin.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.tocsin.events.SampleEvents;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.SubscriberChanged;

class EventSerdeTest {

  private final EventSerializer<SpecificRecord> serializer = new EventSerializer<>();

  @Test
  void everyEventTypeSurvivesARoundTrip() {
    List<SpecificRecord> events = List.of(SampleEvents.chemicalRelease(),
        SampleEvents.subscriber(), SampleEvents.smsTask(), SampleEvents.fanOutReport(),
        SampleEvents.municipality(), SampleEvents.pushContactGone());
    EventDeserializer<SpecificRecord> anyEvent = new EventDeserializer<>();
    for (SpecificRecord event : events) {
      byte[] bytes = serializer.serialize("t", event);
      assertThat(anyEvent.deserialize("t", bytes)).isEqualTo(event);
    }
  }

  @Test
  void writesAvroSingleObjectEncodingWithTheSchemaFingerprint() {
    byte[] bytes = serializer.serialize("t", SampleEvents.chemicalRelease());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(EventTypes.fingerprintOf(bytes)).isEqualTo(
        org.apache.avro.SchemaNormalization.parsingFingerprint64(AlertEvent.getClassSchema()));
  }

  @Test
  void keepsTombstonesNull() {
    assertThat(serializer.serialize("subscriptions", null)).isNull();
    assertThat(new EventDeserializer<>(SubscriberChanged.class).deserialize("subscriptions", null))
        .isNull();
  }

  @Test
  void refusesBytesWithoutTheSingleObjectHeaderNamingTheTopic() {
    EventDeserializer<AlertEvent> deserializer = new EventDeserializer<>(AlertEvent.class);
    assertThatThrownBy(() -> deserializer.deserialize("tocsin.alerts.v1", "{\"json\":1}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tocsin.alerts.v1")
        .hasMessageContaining("single-object header");
  }

  @Test
  void refusesAnUnknownSchemaFingerprint() {
    byte[] bytes = serializer.serialize("t", SampleEvents.chemicalRelease());
    bytes[5] ^= 0x55;
    assertThatThrownBy(() -> new EventDeserializer<>().deserialize("tocsin.alerts.v1", bytes))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessageContaining("tocsin.alerts.v1")
        .hasMessageContaining("unknown schema fingerprint");
  }

  @Test
  void refusesATruncatedBody() {
    byte[] bytes = serializer.serialize("t", SampleEvents.chemicalRelease());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> new EventDeserializer<>(AlertEvent.class)
        .deserialize("tocsin.alerts.v1", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Cannot read AlertEvent from topic tocsin.alerts.v1");
  }

  @Test
  void refusesAnotherEventTypeThanTheTopicCarries() {
    byte[] task = serializer.serialize("t", SampleEvents.smsTask());
    assertThatThrownBy(() -> new EventDeserializer<>(DeliveryStatus.class)
        .deserialize("tocsin.delivery-status.v1", task))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("carries DeliveryTask where DeliveryStatus was expected");
  }

  @Test
  void takesTheExpectedTypeFromConsumerConfiguration() {
    EventDeserializer<SpecificRecord> configured = new EventDeserializer<>();
    configured.configure(Map.of(EventDeserializer.EXPECTED_TYPE_CONFIG,
        DeliveryTask.class.getName()), false);
    byte[] alert = serializer.serialize("t", SampleEvents.chemicalRelease());
    assertThatThrownBy(() -> configured.deserialize("t", alert))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> new EventDeserializer<>().configure(
        Map.of(EventDeserializer.EXPECTED_TYPE_CONFIG, "java.lang.String"), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesToWriteAnIncompleteEvent() {
    AlertEvent incomplete = SampleEvents.chemicalRelease();
    incomplete.put("event", null);
    assertThatThrownBy(() -> serializer.serialize("tocsin.alerts.v1", incomplete))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tocsin.alerts.v1");
  }
}
