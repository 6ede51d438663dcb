package org.tocsin.benchmarks.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.Polygon;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.ZoneSubscription;

/**
 * A deterministic synthetic population of subscribers spread like Belgium's: two thirds around
 * twenty cities (Gaussian spread by city size), one third scattered over the countryside, one
 * to three places each, some following a municipality or Seveso zone, languages by region.
 */
final class Population {

  /** A rough outline of Belgium (lat, lon), about 31,000 km². */
  static final double[][] BELGIUM = {
      {51.09, 2.54}, {51.35, 3.30}, {51.27, 3.85}, {51.35, 4.25}, {51.50, 4.80}, {51.25, 5.25},
      {51.23, 5.85}, {50.75, 5.70}, {50.75, 6.10}, {50.32, 6.40}, {49.85, 5.95}, {49.50, 5.80},
      {49.70, 5.25}, {49.95, 4.85}, {50.15, 4.15}, {50.35, 4.05}, {50.70, 3.20}, {50.80, 2.90},
      {50.95, 2.60}, {51.09, 2.54}};
  /** A rough outline of the province of Antwerp, about 2,900 km². */
  static final double[][] ANTWERP_PROVINCE = {
      {51.48, 4.25}, {51.50, 4.80}, {51.25, 5.25}, {51.10, 5.25}, {51.02, 4.85}, {51.05, 4.30},
      {51.20, 4.20}, {51.48, 4.25}};

  private record City(double lat, double lon, double weight, double spreadKm, String language) {
  }

  private static final List<City> CITIES = List.of(
      new City(50.85, 4.35, 1200, 6, "fr"), new City(51.22, 4.40, 530, 5, "nl"),
      new City(51.05, 3.72, 270, 4, "nl"), new City(50.41, 4.44, 200, 4, "fr"),
      new City(50.63, 5.57, 200, 4, "fr"), new City(51.21, 3.22, 120, 3, "nl"),
      new City(50.47, 4.87, 110, 3, "fr"), new City(50.88, 4.70, 100, 3, "nl"),
      new City(50.45, 3.95, 95, 3, "fr"), new City(51.03, 4.48, 87, 2.5, "nl"),
      new City(50.94, 4.04, 87, 2.5, "nl"), new City(50.93, 5.34, 80, 2.5, "nl"),
      new City(50.83, 3.26, 78, 2.5, "nl"), new City(51.23, 2.92, 72, 2, "nl"),
      new City(51.16, 4.14, 78, 2, "nl"), new City(50.61, 3.39, 69, 2.5, "fr"),
      new City(50.97, 5.50, 67, 2.5, "nl"), new City(50.95, 3.12, 64, 2, "nl"),
      new City(49.68, 5.82, 30, 2, "fr"), new City(50.63, 6.04, 20, 2, "de"));
  private static final double URBAN_SHARE = 0.65;

  private final IndexedPointInAreaLocator belgium;
  private final double totalWeight;

  Population() {
    GeometryFactory geometry = new GeometryFactory();
    Coordinate[] ring = new Coordinate[BELGIUM.length];
    for (int i = 0; i < BELGIUM.length; i++) {
      ring[i] = new Coordinate(BELGIUM[i][1], BELGIUM[i][0]);
    }
    this.belgium = new IndexedPointInAreaLocator(geometry.createPolygon(ring));
    this.totalWeight = CITIES.stream().mapToDouble(City::weight).sum();
  }

  static Polygon polygon(double[][] outline) {
    List<org.tocsin.events.v1.Coordinate> ring = new ArrayList<>();
    for (double[] point : outline) {
      ring.add(new org.tocsin.events.v1.Coordinate(point[0], point[1]));
    }
    return new Polygon(ring, List.of());
  }

  /** The {@code count} subscribers, the same for the same seed. */
  void generate(int count, long seed, Consumer<SubscriberChanged> sink) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      double[] home = place(random);
      String language = languageAt(home, random);
      List<org.tocsin.events.v1.Location> places = new ArrayList<>();
      places.add(location("home", home));
      double more = random.nextDouble();
      if (more < 0.4) {
        places.add(location("work", cityPoint(random)));
      }
      if (more < 0.1) {
        places.add(location("family", place(random)));
      }
      List<ZoneSubscription> zones = new ArrayList<>();
      double zone = random.nextDouble();
      if (zone < 0.20) {
        zones.add(new ZoneSubscription("municipality-" + random.nextInt(581), null));
      }
      if (zone < 0.03) {
        zones.add(new ZoneSubscription("seveso-" + random.nextInt(40), null));
      }
      String id = new UUID(random.nextLong(), random.nextLong()).toString();
      sink.accept(SubscriberChanged.newBuilder()
          .setSubscriberId(id)
          .setRevision(1)
          .setChangedAt(now)
          .setLanguage(language)
          .setContacts(List.of(new Contact(Channel.SMS, number(i), true, null)))
          .setLocations(places)
          .setZones(zones)
          .setDeclinedCategories(List.of())
          .setAccessibility(List.of())
          .build());
    }
  }

  static String number(int i) {
    return "+324" + (70_000_000 + i);
  }

  private double[] place(SplittableRandom random) {
    return random.nextDouble() < URBAN_SHARE ? cityPoint(random) : countryside(random);
  }

  private double[] cityPoint(SplittableRandom random) {
    double pick = random.nextDouble() * totalWeight;
    City city = CITIES.getLast();
    for (City candidate : CITIES) {
      pick -= candidate.weight();
      if (pick <= 0) {
        city = candidate;
        break;
      }
    }
    double north = gaussian(random) * city.spreadKm() / 111.0;
    double east = gaussian(random) * city.spreadKm() / (111.0 * Math.cos(Math.toRadians(city.lat())));
    return new double[] {city.lat() + north, city.lon() + east};
  }

  private double[] countryside(SplittableRandom random) {
    while (true) {
      double lat = 49.45 + random.nextDouble() * 2.1;
      double lon = 2.5 + random.nextDouble() * 3.95;
      if (belgium.locate(new Coordinate(lon, lat)) != Location.EXTERIOR) {
        return new double[] {lat, lon};
      }
    }
  }

  private static String languageAt(double[] place, SplittableRandom random) {
    double roll = random.nextDouble();
    if (roll < 0.02) {
      return "en";
    }
    if (place[1] > 5.95 && place[0] > 50.2) {
      return "de";
    }
    boolean brussels = Math.abs(place[0] - 50.85) < 0.08 && Math.abs(place[1] - 4.35) < 0.12;
    if (brussels) {
      return roll < 0.8 ? "fr" : "nl";
    }
    return place[0] > 50.75 ? "nl" : "fr";
  }

  private static org.tocsin.events.v1.Location location(String label, double[] place) {
    return new org.tocsin.events.v1.Location(label,
        new org.tocsin.events.v1.Coordinate(place[0], place[1]));
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
