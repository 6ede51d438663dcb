package org.tocsin.alertpage.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.alertpage.AlertFixtures.rectangle;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Circle;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.Polygon;

class AreaMapsTest {

  private static final Pattern POINT = Pattern.compile("[ML](-?[0-9.]+) (-?[0-9.]+)");
  private static MapBackground provinces;

  @BeforeAll
  static void readTheShippedBackground() throws Exception {
    try (InputStream in = AreaMapsTest.class.getResourceAsStream(
        "/map/belgium-provinces.geojson")) {
      provinces = MapBackground.read(in);
    }
  }

  private static List<double[]> points(String path) {
    List<double[]> points = new ArrayList<>();
    Matcher matcher = POINT.matcher(path);
    while (matcher.find()) {
      points.add(new double[] {Double.parseDouble(matcher.group(1)),
          Double.parseDouble(matcher.group(2))});
    }
    return points;
  }

  @Test
  void drawsTheAreaInsideTheFrameWithRoomAroundAndNorthUp() {
    MapView map = new AreaMaps(MapBackground.NONE, 640, 480, 72).draw(new Area("box",
        List.of(rectangle(50.0, 4.0, 50.1, 4.2)), List.of(), List.of()), null);

    assertThat(map.width()).isEqualTo("640");
    assertThat(map.height()).isEqualTo("480");
    List<double[]> corners = points(map.area().getFirst());
    assertThat(corners).hasSize(4).allSatisfy(point -> {
      assertThat(point[0]).isBetween(20.0, 620.0);
      assertThat(point[1]).isBetween(20.0, 460.0);
    });
    // The south-west corner (first) is below (larger y) and left of the north-east one (third).
    assertThat(corners.get(0)[1]).isGreaterThan(corners.get(2)[1]);
    assertThat(corners.get(0)[0]).isLessThan(corners.get(2)[0]);
    // At 50° north a degree of longitude is about 0.64 of a degree of latitude: 0.2° wide and
    // 0.1° high is about 1.29 times as wide as high.
    double width = corners.get(2)[0] - corners.get(0)[0];
    double height = corners.get(0)[1] - corners.get(2)[1];
    assertThat(width / height).isBetween(1.25, 1.33);
  }

  @Test
  void drawsAGeodesicCircleAsARoundOutline() {
    MapView map = new AreaMaps(MapBackground.NONE, 640, 480, 72).draw(new Area("circle",
        List.of(), List.of(new Circle(new Coordinate(50.85, 4.35), 2000.0)), List.of()), null);

    List<double[]> outline = points(map.area().getFirst());
    assertThat(outline).hasSizeBetween(36, 72);
    double cx = outline.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double cy = outline.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    List<Double> radii = outline.stream()
        .map(p -> Math.hypot(p[0] - cx, p[1] - cy)).toList();
    double smallest = radii.stream().mapToDouble(r -> r).min().orElseThrow();
    double largest = radii.stream().mapToDouble(r -> r).max().orElseThrow();
    assertThat(smallest / largest).as("round on the map, not an ellipse").isGreaterThan(0.97);
    assertThat(map.scale().text()).isIn("1 km", "2 km");
  }

  @Test
  void showsTheProvincesAroundTheAreaWithTheirNames() {
    MapView map = new AreaMaps(provinces, 640, 480, 72).draw(new Area("Liège",
        List.of(rectangle(50.55, 5.45, 50.7, 5.7)), List.of(), List.of()), null);

    assertThat(map.regions()).isNotEmpty();
    assertThat(map.regions()).extracting(MapView.Region::label)
        .filteredOn(label -> label != null)
        .extracting(label -> label.text("fr")).contains("Province de Liège");
    assertThat(map.regions()).allSatisfy(region -> assertThat(points(region.path()))
        .allSatisfy(point -> {
          assertThat(point[0]).isBetween(-0.5, 640.5);
          assertThat(point[1]).isBetween(-0.5, 480.5);
        }));
  }

  @Test
  void keepsAMapOfTheWholeCountrySmall() throws Exception {
    List<Polygon> everything = new ArrayList<>();
    everything.add(rectangle(49.5, 2.5, 51.5, 6.4));
    MapView map = new AreaMaps(provinces, 640, 480, 72).draw(new Area("Belgium", everything,
        List.of(), List.of()), null);

    int size = map.regions().stream().mapToInt(region -> region.path().length()).sum();
    assertThat(size).as("the provinces' outlines, simplified to the drawing")
        .isLessThan(40_000);
    assertThat(Files.size(Path.of("src/main/resources/map/belgium-provinces.geojson")))
        .isGreaterThan(300_000);
  }

  @Test
  void drawsTheEarlierAreaOnlyWhereItDiffers() {
    Area now = new Area("now", List.of(rectangle(50.0, 4.0, 50.1, 4.2)), List.of(), List.of());
    Area before = new Area("before", List.of(rectangle(50.0, 4.0, 50.05, 4.1)), List.of(),
        List.of());
    AreaMaps maps = new AreaMaps(MapBackground.NONE, 640, 480, 72);

    assertThat(maps.draw(now, before).earlierArea()).hasSize(1);
    assertThat(maps.draw(now, now).earlierArea()).isEmpty();
    assertThat(maps.draw(now, null).earlierArea()).isEmpty();
  }

  @Test
  void drawsNoMapOfAnAreaWithoutGeometry() {
    assertThat(new AreaMaps(provinces, 640, 480, 72).draw(new Area("zones only", List.of(),
        List.of(), List.of("z1")), null)).isNull();
  }

  @Test
  void repairsASelfIntersectingDrawingInsteadOfFailing() {
    Polygon bowTie = new Polygon(List.of(new Coordinate(50.0, 4.0), new Coordinate(50.1, 4.2),
        new Coordinate(50.0, 4.2), new Coordinate(50.1, 4.0), new Coordinate(50.0, 4.0)),
        List.of());

    MapView map = new AreaMaps(MapBackground.NONE, 640, 480, 72).draw(new Area("bow tie",
        List.of(bowTie), List.of(), List.of()), null);

    assertThat(map.area()).singleElement().asString().contains("Z");
  }
}
