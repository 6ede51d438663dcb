package org.tocsin.benchmarks.dispatch;

final class FanOutBenchmark {

  private FanOutBenchmark() {
  }

  static void run(String[] args) {
    throw new UnsupportedOperationException("written next");
  }
}
