package org.tocsin.benchmarks.subscriptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load: {@code clients} threads each repeat one operation, waiting for its answer
 * before the next, for a fixed time. Latencies go to an HdrHistogram.
 */
final class LoadRun {

  /** One operation of a client; true if it succeeded. */
  @FunctionalInterface
  interface Operation {
    boolean run() throws Exception;
  }

  private LoadRun() {
  }

  static Result run(String name, int clients, Duration duration, Operation operation)
      throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong failures = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long[] window = new long[2];
    for (int i = 0; i < clients; i++) {
      threads.add(Thread.ofPlatform().name(name + "-" + i).start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long end = window[1];
        while (System.nanoTime() < end) {
          long begin = System.nanoTime();
          boolean ok;
          try {
            ok = operation.run();
          } catch (Exception e) {
            ok = false;
          }
          recorder.recordValue(System.nanoTime() - begin);
          if (!ok) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + duration.toNanos();
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - window[0]) / 1e9;
    Histogram histogram = recorder.getIntervalHistogram();
    return new Result(name, histogram.getTotalCount(), seconds, histogram, failures.get());
  }

  private static final String ROW = "| %-46s | %8s | %7s | %7s | %8s | %8s | %6s |";

  /** What a run measured. */
  record Result(String name, long operations, double seconds, Histogram latencies,
                long failures) {

    double perSecond() {
      return operations / seconds;
    }

    double millis(double percentile) {
      return latencies.getValueAtPercentile(percentile) / 1e6;
    }

    String row() {
      return String.format(ROW, name, String.format("%.0f", perSecond()),
          String.format("%.1f", millis(50)), String.format("%.1f", millis(99)),
          String.format("%.1f", millis(99.9)),
          String.format("%.1f", latencies.getMaxValue() / 1e6), Long.toString(failures));
    }

    static String header() {
      return String.format(ROW, "what", "per s", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
          "errors") + "\n" + String.format(ROW, "", "", "", "", "", "", "").replace(' ', '-')
          .replace("|-", "|-").replace("-|-", "-|-");
    }
  }
}
