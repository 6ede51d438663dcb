package org.tocsin.alertintake.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Times each input of a fuzz target: an input slower than the budget is a finding (an
 * {@link AssertionError}, which the fuzzer reports and keeps as a crash); the slowest input
 * seen is kept in {@code target/fuzz/} with its time, for the record and to time it again
 * outside the fuzzer. An input that takes longer than the slowest so far runs a second time,
 * and the faster run counts: the first run of a new path loads and instruments classes (JTS's
 * repair took 9 s so, once), and a collection or the load of the machine can stall one run;
 * an input that is slow twice is slow.
 */
public final class SlowestInput {

  private final String name;
  private final Duration budget;
  private long slowestNanos = -1;
  private byte[] slowest;
  private long inputs;

  public SlowestInput(String name, Duration budget) {
    this.name = name;
    this.budget = budget;
  }

  public synchronized void time(byte[] input, Consumer<byte[]> target) {
    long nanos = once(input, target);
    if (nanos > slowestNanos || nanos > budget.toNanos()) {
      nanos = Math.min(nanos, once(input, target));
    }
    inputs++;
    if (nanos > slowestNanos) {
      slowestNanos = nanos;
      slowest = input.clone();
    }
    if (nanos > budget.toNanos()) {
      throw new AssertionError(String.format(Locale.ROOT, "%s took %.1f ms on an input of %d "
          + "bytes; the budget is %d ms", name, nanos / 1e6, input.length, budget.toMillis()));
    }
  }

  private static long once(byte[] input, Consumer<byte[]> target) {
    long start = System.nanoTime();
    target.accept(input);
    return System.nanoTime() - start;
  }

  /** Writes the slowest input and prints its time; call once the fuzzing is over. */
  public synchronized void report() {
    if (slowest == null) {
      return;
    }
    try {
      Path directory = Path.of("target", "fuzz");
      Files.createDirectories(directory);
      Files.write(directory.resolve(name + "-slowest.bin"), slowest);
      String line = String.format(Locale.ROOT, "%s: %d inputs, slowest %.3f ms (%d bytes)%n",
          name, inputs, slowestNanos / 1e6, slowest.length);
      Files.writeString(directory.resolve(name + "-slowest.txt"), line);
      System.out.print(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
