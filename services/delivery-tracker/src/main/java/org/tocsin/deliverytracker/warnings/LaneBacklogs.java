package org.tocsin.deliverytracker.warnings;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/**
 * The backlog of each channel's lanes (tasks queued and not finished, over every alert version)
 * as it was sampled over the last window, to tell a lane whose backlog keeps growing.
 */
public final class LaneBacklogs {

  /** One lane of one channel. */
  public record LaneKey(Channel channel, Lane lane) {
  }

  private record Sample(long at, long backlog) {
  }

  private final long windowMillis;
  private final Map<Channel, Map<Lane, Deque<Sample>>> samples = new EnumMap<>(Channel.class);

  public LaneBacklogs(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  public synchronized void sample(LaneKey lane, long backlog, long now) {
    Deque<Sample> history = samples.computeIfAbsent(lane.channel(), c -> new EnumMap<>(Lane.class))
        .computeIfAbsent(lane.lane(), l -> new ArrayDeque<>());
    history.addLast(new Sample(now, backlog));
    while (history.size() > 2 && history.peekFirst().at() < now - windowMillis
        && history.stream().skip(1).findFirst().orElseThrow().at() <= now - windowMillis) {
      history.removeFirst();
    }
  }

  /**
   * The growth over the whole window if the lane's backlog never fell below where it was at the
   * window's start and ended above it; 0 otherwise or if the window is not full yet.
   */
  public synchronized long growth(LaneKey lane, long now) {
    Deque<Sample> history = samples.getOrDefault(lane.channel(), Map.of()).get(lane.lane());
    if (history == null || history.isEmpty() || history.peekFirst().at() > now - windowMillis) {
      return 0;
    }
    long first = history.peekFirst().backlog();
    long last = history.peekLast().backlog();
    for (Sample sample : history) {
      if (sample.backlog() < first) {
        return 0;
      }
    }
    return last > first ? last - first : 0;
  }
}
