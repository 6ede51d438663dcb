package org.tocsin.dispatcher.status;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.tocsin.dispatcher.ledger.LedgerEntry;
import org.tocsin.dispatcher.ledger.LedgerKeys;
import org.tocsin.events.serde.EventDeserializer;
import org.tocsin.events.serde.EventType;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * Reads from a delivery-status record only what the send ledger of one channel keeps, without
 * decoding the whole event: a restarted dispatcher reads every status written since the oldest
 * alert in force, most of them of other channels or of no interest to it. A {@link
 * DeliveryStatus} begins with task id, outcome, time, channel, lane, kind, alert id, alert
 * version and subscriber id; for every schema version that begins so (checked against the
 * schema itself when this class is built), those nine fields are read with Avro's binary decoder
 * into reused buffers, the rest of the record is not looked at, and a status of another channel
 * is left after its fourth field. A schema version that begins otherwise is decoded in full.
 * Statuses this process wrote itself (its {@value StatusPublisher#ORIGIN_HEADER} header) and
 * those that tell the ledger nothing (fan-out reports) come back as null.
 */
public final class LedgerStatusDeserializer implements Deserializer<LedgerEntry> {

  private static final int HEADER_LENGTH = 10;
  private static final List<String> PREFIX = List.of("taskId", "outcome", "at", "channel",
      "lane", "kind", "alertId", "alertVersion", "subscriberId");

  /** How a writer schema's leading fields are read: its enum symbols, its unions' null branch. */
  private record Layout(DeliveryOutcome[] outcomes, Channel[] channels, int laneNull,
                        int alertIdNull, int subscriberIdNull) {
  }

  private final Channel channel;
  private final byte[] ownOrigin;
  private final Map<Long, Layout> layouts;
  private final EventDeserializer<DeliveryStatus> full = new EventDeserializer<>(DeliveryStatus.class);
  private final Utf8 taskId = new Utf8();
  private final Utf8 alertId = new Utf8();
  private final Utf8 subscriberId = new Utf8();
  private BinaryDecoder decoder;
  private byte[] lastAlertId = new byte[0];
  private String lastAlertIdString;

  public LedgerStatusDeserializer(Channel channel, String ownOrigin) {
    this.channel = channel;
    this.ownOrigin = ownOrigin.getBytes(StandardCharsets.UTF_8);
    EventType<DeliveryStatus> type = EventTypes.of(DeliveryStatus.class);
    Map<Long, Layout> byFingerprint = new HashMap<>();
    layout(type.currentSchema(), byFingerprint);
    type.releasedSchemas().forEach(schema -> layout(schema, byFingerprint));
    this.layouts = Map.copyOf(byFingerprint);
  }

  /** Whether statuses written with this schema are read without decoding them in full. */
  static boolean readsPrefixOf(Schema schema) {
    return layoutOf(schema) != null;
  }

  @Override
  public LedgerEntry deserialize(String topic, byte[] data) {
    return deserialize(topic, null, data);
  }

  @Override
  public LedgerEntry deserialize(String topic, Headers headers, byte[] data) {
    Header origin = headers == null ? null : headers.lastHeader(StatusPublisher.ORIGIN_HEADER);
    if (data == null || origin != null && Arrays.equals(origin.value(), ownOrigin)) {
      return null;
    }
    Layout layout = data.length < HEADER_LENGTH ? null : layouts.get(
        ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    if (layout == null || data[0] != (byte) 0xC3 || data[1] != 0x01) {
      return fromFull(full.deserialize(topic, data));
    }
    try {
      return fromPrefix(layout, data);
    } catch (java.io.IOException | RuntimeException e) {
      throw new SerializationException("Cannot read a DeliveryStatus from topic " + topic + ": "
          + e.getMessage(), e);
    }
  }

  private LedgerEntry fromPrefix(Layout layout, byte[] data) throws java.io.IOException {
    decoder = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH,
        data.length - HEADER_LENGTH, decoder);
    decoder.readString(taskId);
    DeliveryOutcome outcome = symbol(layout.outcomes(), decoder.readEnum());
    decoder.readLong();
    Channel statusChannel = symbol(layout.channels(), decoder.readEnum());
    if (statusChannel != channel || outcome == null || !kept(outcome)) {
      return null;
    }
    if (decoder.readIndex() != layout.laneNull()) {
      decoder.readEnum();
    }
    decoder.readEnum();
    boolean hasAlert = decoder.readIndex() != layout.alertIdNull();
    if (hasAlert) {
      decoder.readString(alertId);
    }
    int version = decoder.readInt();
    long subscriberKey = 0;
    if (decoder.readIndex() != layout.subscriberIdNull()) {
      decoder.readString(subscriberId);
      subscriberKey = LedgerKeys.of(subscriberId.getBytes(), 0, subscriberId.getByteLength());
    }
    return new LedgerEntry(hasAlert ? alertIdString() : null, version, subscriberKey,
        LedgerKeys.of(taskId.getBytes(), 0, taskId.getByteLength()), outcome);
  }

  /** The alert id as a string, shared between the consecutive statuses of one alert. */
  private String alertIdString() {
    int length = alertId.getByteLength();
    byte[] bytes = alertId.getBytes();
    if (lastAlertIdString == null || lastAlertId.length != length
        || !Arrays.equals(lastAlertId, 0, length, bytes, 0, length)) {
      lastAlertId = Arrays.copyOf(bytes, length);
      lastAlertIdString = new String(lastAlertId, StandardCharsets.UTF_8);
    }
    return lastAlertIdString;
  }

  private LedgerEntry fromFull(DeliveryStatus status) {
    if (status == null || status.getChannel() != channel || !kept(status.getOutcome())) {
      return null;
    }
    return LedgerEntry.of(status);
  }

  private static boolean kept(DeliveryOutcome outcome) {
    return outcome != DeliveryOutcome.FANNED_OUT && outcome != DeliveryOutcome.UNKNOWN;
  }

  private static <E> E symbol(E[] symbols, int index) {
    return index >= 0 && index < symbols.length ? symbols[index] : null;
  }

  private static void layout(Schema schema, Map<Long, Layout> byFingerprint) {
    Layout layout = layoutOf(schema);
    if (layout != null) {
      byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), layout);
    }
  }

  private static Layout layoutOf(Schema schema) {
    List<Schema.Field> fields = schema.getFields();
    if (fields.size() < PREFIX.size()) {
      return null;
    }
    for (int i = 0; i < PREFIX.size(); i++) {
      if (!fields.get(i).name().equals(PREFIX.get(i))) {
        return null;
      }
    }
    Schema outcome = fields.get(1).schema();
    Schema channelSchema = fields.get(3).schema();
    boolean shaped = fields.get(0).schema().getType() == Schema.Type.STRING
        && outcome.getType() == Schema.Type.ENUM
        && fields.get(2).schema().getType() == Schema.Type.LONG
        && channelSchema.getType() == Schema.Type.ENUM
        && nullIndex(fields.get(4).schema(), Schema.Type.ENUM) >= 0
        && fields.get(5).schema().getType() == Schema.Type.ENUM
        && nullIndex(fields.get(6).schema(), Schema.Type.STRING) >= 0
        && fields.get(7).schema().getType() == Schema.Type.INT
        && nullIndex(fields.get(8).schema(), Schema.Type.STRING) >= 0;
    if (!shaped) {
      return null;
    }
    return new Layout(symbols(outcome, DeliveryOutcome.class),
        symbols(channelSchema, Channel.class), nullIndex(fields.get(4).schema(), Schema.Type.ENUM),
        nullIndex(fields.get(6).schema(), Schema.Type.STRING),
        nullIndex(fields.get(8).schema(), Schema.Type.STRING));
  }

  /** The index of the null branch of a union of null and {@code other}, or -1. */
  private static int nullIndex(Schema union, Schema.Type other) {
    if (union.getType() != Schema.Type.UNION || union.getTypes().size() != 2) {
      return -1;
    }
    List<Schema> types = union.getTypes();
    for (int i = 0; i < 2; i++) {
      if (types.get(i).getType() == Schema.Type.NULL && types.get(1 - i).getType() == other) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Enum<E>> E[] symbols(Schema enumSchema, Class<E> type) {
    List<String> names = enumSchema.getEnumSymbols();
    E[] symbols = (E[]) java.lang.reflect.Array.newInstance(type, names.size());
    for (int i = 0; i < names.size(); i++) {
      try {
        symbols[i] = Enum.valueOf(type, names.get(i));
      } catch (IllegalArgumentException unknown) {
        symbols[i] = null;
      }
    }
    return symbols;
  }
}
