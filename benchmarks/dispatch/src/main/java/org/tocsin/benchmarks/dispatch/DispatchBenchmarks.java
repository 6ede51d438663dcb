package org.tocsin.benchmarks.dispatch;

import java.util.Arrays;

/**
 * Runs the dispatch benchmarks: {@code fan-out [subscribers]} and {@code sending [tasks]}.
 * See BENCHMARKS.md for the commands and results.
 */
public final class DispatchBenchmarks {

  private DispatchBenchmarks() {
  }

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "all";
    String[] rest = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
    int status = 1;
    try {
      switch (which) {
        case "fan-out" -> FanOutBenchmark.run(rest);
        case "sending" -> SendingBenchmark.run(rest);
        case "all" -> {
          FanOutBenchmark.run(new String[0]);
          SendingBenchmark.run(new String[0]);
        }
        default -> throw new IllegalArgumentException("Unknown benchmark " + which
            + ": fan-out, sending or all");
      }
      status = 0;
    } finally {
      System.exit(status);
    }
  }
}
