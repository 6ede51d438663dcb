package org.tocsin.local.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Made-up citizens spread as Belgium's are: most near its cities, the rest across the
 * countryside and just over the borders; speaking the language of where they live (some
 * English); a few following a named zone. Numbers are Belgian mobiles, none twice.
 */
final class SyntheticCitizens {

  /** Cities: latitude, longitude, share of the population, spread in km, language. */
  private record City(double latitude, double longitude, double share, double spreadKm,
                      String language) {
  }

  private static final List<City> CITIES = List.of(
      new City(50.8467, 4.3525, 0.22, 6, "fr"),
      new City(51.2194, 4.4025, 0.14, 7, "nl"),
      new City(51.0543, 3.7174, 0.08, 6, "nl"),
      new City(50.6326, 5.5797, 0.08, 6, "fr"),
      new City(50.4108, 4.4446, 0.06, 6, "fr"),
      new City(50.4674, 4.8718, 0.04, 5, "fr"),
      new City(50.8798, 4.7005, 0.04, 4, "nl"),
      new City(51.2093, 3.2247, 0.03, 4, "nl"),
      new City(50.6305, 6.0310, 0.01, 3, "de"));
  private static final double MIN_LAT = 49.50;
  private static final double MAX_LAT = 51.50;
  private static final double MIN_LON = 2.55;
  private static final double MAX_LON = 6.40;

  private final List<String> zoneIds;
  private final Random random;
  private final Set<String> numbers = new HashSet<>();
  private int made;

  SyntheticCitizens(List<String> zoneIds, long seed) {
    this.zoneIds = zoneIds;
    this.random = new Random(seed);
  }

  /** The next citizen, as the body of a registration. */
  Map<String, Object> next() {
    made++;
    double[] home = place();
    String language = random.nextDouble() < 0.05 ? "en" : languageAt(home);
    List<Map<String, Object>> locations = new ArrayList<>();
    locations.add(Map.of("label", "Home", "latitude", home[0], "longitude", home[1]));
    if (random.nextDouble() < 0.4) {
      double[] work = place();
      locations.add(Map.of("label", "Work", "latitude", work[0], "longitude", work[1]));
    }
    List<String> zones = random.nextDouble() < 0.1
        ? List.of(zoneIds.get(random.nextInt(zoneIds.size()))) : List.of();
    return Map.of(
        "language", language,
        "contacts", List.of(Map.of("channel", "SMS", "address", newNumber())),
        "locations", locations,
        "zones", zones,
        "declinedCategories", made % 7 == 0 ? List.of("TRANSPORT") : List.of(),
        "accessibility", List.of());
  }

  private double[] place() {
    double pick = random.nextDouble();
    for (City city : CITIES) {
      if (pick < city.share()) {
        double kmPerDegreeLon = 111.32 * Math.cos(Math.toRadians(city.latitude()));
        return new double[] {
            round(city.latitude() + random.nextGaussian() * city.spreadKm() / 111.32),
            round(city.longitude() + random.nextGaussian() * city.spreadKm() / kmPerDegreeLon)};
      }
      pick -= city.share();
    }
    return new double[] {
        round(MIN_LAT + random.nextDouble() * (MAX_LAT - MIN_LAT)),
        round(MIN_LON + random.nextDouble() * (MAX_LON - MIN_LON))};
  }

  private String languageAt(double[] place) {
    City nearest = CITIES.get(0);
    double best = Double.MAX_VALUE;
    for (City city : CITIES) {
      double distance = Math.hypot(city.latitude() - place[0], city.longitude() - place[1]);
      if (distance < best) {
        best = distance;
        nearest = city;
      }
    }
    if (nearest == CITIES.get(0)) {
      return random.nextDouble() < 0.3 ? "nl" : "fr";
    }
    return nearest.language();
  }

  private String newNumber() {
    String number;
    do {
      number = "+3247" + (5 + random.nextInt(5)) + String.format("%06d", random.nextInt(1_000_000));
    } while (!numbers.add(number));
    return number;
  }

  private static double round(double degrees) {
    return Math.round(degrees * 100_000) / 100_000.0;
  }
}
