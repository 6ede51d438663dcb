package org.tocsin.deliverytracker.figures;

import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/**
 * The stored form of a series: its figures in one blob, its task states in others (only those
 * that changed since the last checkpoint are written; a later blob overrides an earlier one).
 */
public final class SeriesCodec {

  private static final int VERSION = 1;

  private SeriesCodec() {
  }

  /** Everything but the task states. */
  public static byte[] figures(SeriesFigures series) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeUTF(series.key.alertId());
      out.writeInt(series.key.version());
      out.writeUTF(series.key.channel().name());
      out.writeBoolean(series.awaitsFinalStatus);
      out.writeUTF(series.lane == null ? "" : series.lane.name());
      out.writeLong(series.targeted);
      out.writeLong(series.fanOutAt);
      writeNullable(out, series.fanOutReason);
      for (Category category : Category.ALL) {
        out.writeLong(series.counts.get(category));
      }
      series.sentTimes.write(out);
      series.deliveredTimes.write(out);
      writeParts(out, series.zones);
      writeParts(out, series.providers);
      out.writeInt(series.deliveryLatencies.size());
      for (Map.Entry<String, Histogram> latency : series.deliveryLatencies.entrySet()) {
        out.writeUTF(latency.getKey());
        ByteBuffer buffer = ByteBuffer.allocate(latency.getValue().getNeededByteBufferCapacity());
        int length = latency.getValue().encodeIntoCompressedByteBuffer(buffer);
        out.writeInt(length);
        out.write(buffer.array(), 0, length);
      }
      FailureReasons failures = series.failures;
      out.writeInt(failures.reasons.size());
      for (String reason : failures.reasons) {
        out.writeUTF(reason);
      }
      out.writeInt(failures.reasonOfTask.size());
      for (var entry : failures.reasonOfTask.long2IntEntrySet()) {
        out.writeLong(entry.getLongKey());
        out.writeInt(entry.getIntValue());
      }
      out.writeInt(series.zoneSets.sets.size());
      for (List<String> set : series.zoneSets.sets) {
        out.writeInt(set.size());
        for (String zone : set) {
          out.writeUTF(zone);
        }
      }
      out.writeInt(series.awaiting.size());
      for (Map.Entry<Long, Awaiting> entry : series.awaiting.entrySet()) {
        Awaiting message = entry.getValue();
        out.writeLong(entry.getKey());
        out.writeUTF(message.taskId());
        writeNullable(out, message.provider());
        writeNullable(out, message.providerMessageId());
        out.writeLong(message.sentAt());
        out.writeInt(message.checks());
        out.writeLong(message.lastCheckAt());
      }
      out.writeInt(series.ranges.first.size());
      for (var entry : series.ranges.first.int2LongEntrySet()) {
        out.writeInt(entry.getIntKey());
        out.writeLong(entry.getLongValue());
        out.writeLong(series.ranges.last.get(entry.getIntKey()));
      }
      out.writeLong(series.lastProgressAt);
      out.writeLong(series.firstEventAt);
      out.writeLong(series.lastEventAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static SeriesFigures read(byte[] blob) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException("Unknown stored series version " + version);
      }
      SeriesKey key = new SeriesKey(in.readUTF(), in.readInt(), Channel.valueOf(in.readUTF()));
      boolean awaitsFinalStatus = in.readBoolean();
      String lane = in.readUTF();
      long targeted = in.readLong();
      long fanOutAt = in.readLong();
      String fanOutReason = readNullable(in);
      Counts counts = new Counts();
      for (Category category : Category.ALL) {
        counts.set(category, in.readLong());
      }
      Timeline sent = Timeline.read(in);
      Timeline delivered = Timeline.read(in);
      Map<String, PartFigures> zones = readParts(in);
      Map<String, PartFigures> providers = readParts(in);
      Map<String, Histogram> latencies = new TreeMap<>();
      int latencyCount = in.readInt();
      for (int i = 0; i < latencyCount; i++) {
        String account = in.readUTF();
        byte[] encoded = new byte[in.readInt()];
        in.readFully(encoded);
        latencies.put(account, Histogram.decodeFromCompressedByteBuffer(
            ByteBuffer.wrap(encoded), 0));
      }
      FailureReasons failures = new FailureReasons();
      int reasonCount = in.readInt();
      for (int i = 0; i < reasonCount; i++) {
        String reason = in.readUTF();
        failures.reasons.add(reason);
        failures.ids.put(reason, i);
      }
      int failedTasks = in.readInt();
      for (int i = 0; i < failedTasks; i++) {
        long taskKey = in.readLong();
        int reason = in.readInt();
        failures.reasonOfTask.put(taskKey, reason);
        failures.counts.merge(failures.reasons.get(reason), 1L, Long::sum);
      }
      ZoneSets zoneSets = new ZoneSets();
      int setCount = in.readInt();
      List<List<String>> sets = new ArrayList<>();
      for (int i = 0; i < setCount; i++) {
        int size = in.readInt();
        List<String> set = new ArrayList<>(size);
        for (int j = 0; j < size; j++) {
          set.add(in.readUTF());
        }
        sets.add(set);
      }
      zoneSets.restore(sets);
      Map<Long, Awaiting> awaiting = new HashMap<>();
      int awaitingCount = in.readInt();
      for (int i = 0; i < awaitingCount; i++) {
        long taskKey = in.readLong();
        awaiting.put(taskKey, new Awaiting(in.readUTF(), readNullable(in), readNullable(in),
            in.readLong(), in.readInt(), in.readLong()));
      }
      TaskRanges ranges = new TaskRanges();
      int rangeCount = in.readInt();
      for (int i = 0; i < rangeCount; i++) {
        int partition = in.readInt();
        ranges.first.put(partition, in.readLong());
        ranges.last.put(partition, in.readLong());
      }
      SeriesFigures series = new SeriesFigures(key, awaitsFinalStatus, counts, sent, delivered,
          zones, providers, latencies, failures, zoneSets, new Long2LongOpenHashMap(), awaiting,
          ranges);
      series.lane = lane.isEmpty() ? null : Lane.valueOf(lane);
      series.targeted = targeted;
      series.fanOutAt = fanOutAt;
      series.fanOutReason = fanOutReason;
      series.lastProgressAt = in.readLong();
      series.firstEventAt = in.readLong();
      series.lastEventAt = in.readLong();
      return series;
    } catch (IOException | java.util.zip.DataFormatException e) {
      throw new IllegalStateException("Cannot read a stored series", e);
    }
  }

  /** Task states as (key, state) pairs. */
  public static byte[] tasks(Long2LongMap states) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + states.size() * 16);
    buffer.putInt(states.size());
    for (Long2LongMap.Entry entry : states.long2LongEntrySet()) {
      buffer.putLong(entry.getLongKey());
      buffer.putLong(entry.getLongValue());
    }
    return buffer.array();
  }

  public static Long2LongOpenHashMap readTasks(byte[] blob) {
    ByteBuffer buffer = ByteBuffer.wrap(blob);
    int size = buffer.getInt();
    Long2LongOpenHashMap states = new Long2LongOpenHashMap(size);
    for (int i = 0; i < size; i++) {
      states.put(buffer.getLong(), buffer.getLong());
    }
    return states;
  }

  private static void writeParts(DataOutput out, Map<String, PartFigures> parts)
      throws IOException {
    out.writeInt(parts.size());
    for (Map.Entry<String, PartFigures> part : parts.entrySet()) {
      out.writeUTF(part.getKey());
      part.getValue().write(out);
    }
  }

  private static Map<String, PartFigures> readParts(DataInput in) throws IOException {
    Map<String, PartFigures> parts = new TreeMap<>();
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      parts.put(in.readUTF(), PartFigures.read(in));
    }
    return parts;
  }

  private static void writeNullable(DataOutput out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
