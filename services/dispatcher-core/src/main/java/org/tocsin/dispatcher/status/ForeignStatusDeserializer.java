package org.tocsin.dispatcher.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.tocsin.events.serde.EventDeserializer;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * Reads the statuses other processes wrote; those this process wrote itself (by their
 * {@value StatusPublisher#ORIGIN_HEADER} header) come back as null without being decoded.
 */
public final class ForeignStatusDeserializer implements Deserializer<DeliveryStatus> {

  private final byte[] ownOrigin;
  private final EventDeserializer<DeliveryStatus> statuses =
      new EventDeserializer<>(DeliveryStatus.class);

  public ForeignStatusDeserializer(String ownOrigin) {
    this.ownOrigin = ownOrigin.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public DeliveryStatus deserialize(String topic, byte[] data) {
    return statuses.deserialize(topic, data);
  }

  @Override
  public DeliveryStatus deserialize(String topic, Headers headers, byte[] data) {
    Header origin = headers == null ? null : headers.lastHeader(StatusPublisher.ORIGIN_HEADER);
    if (origin != null && Arrays.equals(origin.value(), ownOrigin)) {
      return null;
    }
    return statuses.deserialize(topic, data);
  }
}
