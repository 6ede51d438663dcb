package org.tocsin.deliverytracker.figures;

import java.util.Map;
import java.util.TreeMap;

/**
 * What each provider account did lately, over every series, by the tracker's clock: attempts,
 * failed attempts and delivery latencies per second of the last 15 minutes, so that a jump in
 * its error rate or latency shows while it happens.
 */
public final class ProviderActivity {

  private static final int SECONDS = 900;

  /** One provider's recent window against the minutes before it. */
  public record Recent(long attempts, long errors, long baselineAttempts, long baselineErrors,
                       long deliveries, long latencyMillisSum, long baselineDeliveries,
                       long baselineLatencyMillisSum) {

    public double errorRate() {
      return attempts == 0 ? 0 : errors / (double) attempts;
    }

    public double baselineErrorRate() {
      return baselineAttempts == 0 ? 0 : baselineErrors / (double) baselineAttempts;
    }

    /** Mean delivery latency in the window, or -1 without deliveries. */
    public long meanLatencyMillis() {
      return deliveries == 0 ? -1 : latencyMillisSum / deliveries;
    }

    public long baselineMeanLatencyMillis() {
      return baselineDeliveries == 0 ? -1 : baselineLatencyMillisSum / baselineDeliveries;
    }
  }

  private static final class Account {
    final RecentCounts attempts = new RecentCounts(SECONDS);
    final RecentCounts errors = new RecentCounts(SECONDS);
    final RecentCounts deliveries = new RecentCounts(SECONDS);
    final RecentCounts latency = new RecentCounts(SECONDS);
  }

  private final Map<String, Account> accounts = new TreeMap<>();

  void attempt(String provider, boolean failed, long now) {
    Account account = accounts.computeIfAbsent(provider, name -> new Account());
    account.attempts.add(now, 1);
    if (failed) {
      account.errors.add(now, 1);
    }
  }

  void delivered(String provider, long latencyMillis, long now) {
    Account account = accounts.computeIfAbsent(provider, name -> new Account());
    account.deliveries.add(now, 1);
    account.latency.add(now, latencyMillis);
  }

  /** Every provider's last {@code windowSeconds} against the rest of the 15 minutes. */
  public Map<String, Recent> recent(long now, int windowSeconds) {
    Map<String, Recent> recent = new TreeMap<>();
    accounts.forEach((name, account) -> recent.put(name, new Recent(
        account.attempts.inLast(now, windowSeconds), account.errors.inLast(now, windowSeconds),
        account.attempts.between(now, windowSeconds + 1, SECONDS),
        account.errors.between(now, windowSeconds + 1, SECONDS),
        account.deliveries.inLast(now, windowSeconds), account.latency.inLast(now, windowSeconds),
        account.deliveries.between(now, windowSeconds + 1, SECONDS),
        account.latency.between(now, windowSeconds + 1, SECONDS))));
    return recent;
  }
}
