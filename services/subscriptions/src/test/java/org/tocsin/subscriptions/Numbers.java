package org.tocsin.subscriptions;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh contacts for tests, so that tests never share one. */
public final class Numbers {

  private Numbers() {
  }

  /** A valid Belgian mobile number (+32 47x xx xx xx) nobody else in the run uses. */
  public static String randomBelgianMobile() {
    return "+3247" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  public static String randomEmail() {
    return "citizen-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + "@example.org";
  }
}
