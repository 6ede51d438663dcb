package org.tocsin.deliverytracker.figures;

/**
 * How long after the alert was issued its tasks reached a provider and were delivered, in
 * milliseconds: the first one, then 50, 90, 99 and 100 % of all its tasks. Null where that
 * share has not been reached yet. Times are to the timeline's resolution (0.1 s for a series,
 * 1 s for a zone or provider).
 */
public record Timings(Long firstSent, Long sent50, Long sent90, Long sent99, Long sent100,
                      Long firstDelivered, Long delivered50, Long delivered90, Long delivered99,
                      Long delivered100) {

  static Timings of(Timeline sent, Timeline delivered, long total, long origin) {
    return new Timings(since(origin, sent.first()), at(sent, 0.5, total, origin),
        at(sent, 0.9, total, origin), at(sent, 0.99, total, origin),
        at(sent, 1.0, total, origin), since(origin, delivered.first()),
        at(delivered, 0.5, total, origin), at(delivered, 0.9, total, origin),
        at(delivered, 0.99, total, origin), at(delivered, 1.0, total, origin));
  }

  private static Long at(Timeline timeline, double share, long total, long origin) {
    if (total <= 0) {
      return null;
    }
    long rank = (long) Math.ceil(share * total);
    return since(origin, timeline.timeOfRank(rank));
  }

  private static Long since(long origin, long at) {
    return at < 0 ? null : Math.max(0, at - origin);
  }
}
