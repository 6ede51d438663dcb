package org.tocsin.deliverytracker.figures;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The figures of a part of a series (a named zone, a provider account): counts, and when its
 * tasks were sent and delivered, to the second.
 */
public final class PartFigures {

  static final long RESOLUTION_MILLIS = 1000;

  private final Counts counts;
  private final Timeline sentTimes;
  private final Timeline deliveredTimes;
  private long targeted;

  PartFigures() {
    this(new Counts(), new Timeline(RESOLUTION_MILLIS), new Timeline(RESOLUTION_MILLIS), -1);
  }

  private PartFigures(Counts counts, Timeline sentTimes, Timeline deliveredTimes,
                      long targeted) {
    this.counts = counts;
    this.sentTimes = sentTimes;
    this.deliveredTimes = deliveredTimes;
    this.targeted = targeted;
  }

  public Counts counts() {
    return counts;
  }

  public Timeline sentTimes() {
    return sentTimes;
  }

  public Timeline deliveredTimes() {
    return deliveredTimes;
  }

  /** How many the fan-out report says it targeted, or -1 if no report names it. */
  public long targeted() {
    return targeted;
  }

  void targeted(long targeted) {
    this.targeted = targeted;
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(targeted);
    for (Category category : Category.ALL) {
      out.writeLong(counts.get(category));
    }
    sentTimes.write(out);
    deliveredTimes.write(out);
  }

  static PartFigures read(DataInput in) throws IOException {
    long targeted = in.readLong();
    Counts counts = new Counts();
    for (Category category : Category.ALL) {
      counts.set(category, in.readLong());
    }
    return new PartFigures(counts, Timeline.read(in), Timeline.read(in), targeted);
  }
}
