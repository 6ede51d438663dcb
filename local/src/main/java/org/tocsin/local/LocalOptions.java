package org.tocsin.local;

import java.util.List;
import java.util.Map;

/**
 * The local stack's command-line options.
 *
 * @param fresh start from an empty data directory
 * @param demoSubscribers synthetic subscribers to seed, 0 for no demo seed
 * @param infrastructureOnly start the infrastructure and the console, no service
 */
record LocalOptions(boolean fresh, int demoSubscribers, boolean infrastructureOnly) {

  static final int DEFAULT_DEMO_SUBSCRIBERS = 10_000;
  private static final int MAX_DEMO_SUBSCRIBERS = 1_000_000;

  static LocalOptions parse(String... args) {
    boolean fresh = false;
    boolean infrastructureOnly = false;
    int demo = 0;
    for (String arg : List.of(args)) {
      if (arg.equals("--fresh")) {
        fresh = true;
      } else if (arg.equals("--infrastructure-only")) {
        infrastructureOnly = true;
      } else if (arg.equals("--demo")) {
        demo = DEFAULT_DEMO_SUBSCRIBERS;
      } else if (arg.startsWith("--demo=")) {
        demo = demoSubscribers(arg.substring("--demo=".length()));
      } else {
        throw new IllegalArgumentException("Unknown option " + arg
            + "; known: --fresh, --demo[=N], --infrastructure-only");
      }
    }
    if (demo > 0 && infrastructureOnly) {
      throw new IllegalArgumentException("--demo needs the services: drop --infrastructure-only");
    }
    return new LocalOptions(fresh, demo, infrastructureOnly);
  }

  /**
   * Refuses a demo seed when SMS would go to a real provider: the demo registers made-up
   * numbers, which belong to real people, and a code would be texted to each of them.
   */
  LocalOptions requireFakesForDemo(Map<String, String> environment) {
    String account = environment.get("TWILIO_ACCOUNT_SID");
    if (demo() && account != null && !account.isBlank()) {
      throw new IllegalArgumentException("--demo texts codes to made-up numbers, which belong to"
          + " real people: unset TWILIO_ACCOUNT_SID to seed the demo with the Twilio fake");
    }
    return this;
  }

  boolean demo() {
    return demoSubscribers > 0;
  }

  private static int demoSubscribers(String text) {
    try {
      int count = Integer.parseInt(text.replace("_", ""));
      if (count >= 1 && count <= MAX_DEMO_SUBSCRIBERS) {
        return count;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new IllegalArgumentException("--demo=N takes a number of subscribers from 1 to "
        + MAX_DEMO_SUBSCRIBERS + ": " + text);
  }
}
