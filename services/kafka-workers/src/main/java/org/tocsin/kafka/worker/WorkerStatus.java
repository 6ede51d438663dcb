package org.tocsin.kafka.worker;

/** Something that reads or writes Kafka on its own and reports how it is doing. */
public interface WorkerStatus {

  String workerName();

  WorkerState state();
}
