package org.tocsin.outbox;

/** An event too large for Kafka to take; refused when added, so that it never blocks the relay. */
public class OversizedEventException extends RuntimeException {

  private final int size;
  private final int maximum;

  public OversizedEventException(String topic, int size, int maximum) {
    super("An event of " + size + " bytes for topic " + topic + " exceeds the maximum of "
        + maximum + " bytes");
    this.size = size;
    this.maximum = maximum;
  }

  public int size() {
    return size;
  }

  public int maximum() {
    return maximum;
  }
}
