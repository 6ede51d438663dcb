package org.tocsin.benchmarks.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tocsin.testing.kafka.InProcessKafkaBroker;

/** The benchmark in its smallest size, so that BENCHMARKS.md's command keeps working. */
class EmailBenchmarkIT {

  @Test
  void bothPhasesDeliverEveryMailOnceOverReusedConnectionsAndPrintATable() throws Exception {
    int mails = 500;
    int concurrency = 4;
    try (InProcessKafkaBroker broker = InProcessKafkaBroker.start();
         SmtpSink sink = new SmtpSink()) {
      EmailBenchmark.Result result = EmailBenchmark.run(broker, sink, mails, concurrency);

      assertThat(result.complete()).as(result.table()).isTrue();
      // Each connection carries up to 100 messages: 5 connections' worth, plus one per
      // connection that ends early because its thread ran out of mails.
      int mostConnections = mails / EmailBenchmark.MESSAGES_PER_CONNECTION + concurrency;
      assertThat(result.bare().connections()).isLessThanOrEqualTo(mostConnections);
      assertThat(result.dispatched().connections()).isLessThanOrEqualTo(mostConnections);
      assertThat(result.table()).contains("dispatcher / bare loop", "500 / 500");
    }
  }
}
