package org.tocsin.dispatcher.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.circle;
import static org.tocsin.dispatcher.Fixtures.rectangle;

import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.Polygon;

class AlertAreaTest {

  @Test
  void aGeodesicCircleContainsPointsUpToItsRadiusOnTheEllipsoid() {
    AlertArea area = AlertArea.of(area(List.of(), List.of(circle(at(50.85, 4.35), 10_000)),
        List.of()));
    for (double azimuth = 0; azimuth < 360; azimuth += 30) {
      GeodesicData inside = Geodesic.WGS84.Direct(50.85, 4.35, azimuth, 9_999);
      GeodesicData outside = Geodesic.WGS84.Direct(50.85, 4.35, azimuth, 10_001);
      assertThat(area.contains(inside.lat2, inside.lon2)).as("9,999 m at %s°", azimuth).isTrue();
      assertThat(area.contains(outside.lat2, outside.lon2)).as("10,001 m at %s°", azimuth)
          .isFalse();
    }
  }

  @Test
  void aCellIsInsideACircleOnlyIfAllOfItIs() {
    AlertArea area = AlertArea.of(area(List.of(), List.of(circle(at(50.85, 4.35), 10_000)),
        List.of()));
    assertThat(area.coverage(50.84, 4.34, 50.86, 4.36)).isEqualTo(AlertArea.Coverage.INSIDE);
    assertThat(area.coverage(50.92, 4.30, 50.94, 4.40)).isEqualTo(AlertArea.Coverage.PARTIAL);
    assertThat(area.coverage(51.20, 4.30, 51.22, 4.32)).isEqualTo(AlertArea.Coverage.OUTSIDE);
  }

  @Test
  void aPolygonCountsItsBoundaryAsInsideAndItsHolesAsOutside() {
    Polygon withHole = new Polygon(rectangle(50, 4, 51, 5).getExterior(),
        List.of(rectangle(50.4, 4.4, 50.6, 4.6).getExterior()));
    AlertArea area = AlertArea.of(area(List.of(withHole), List.of(), List.of()));

    assertThat(area.contains(50.2, 4.2)).isTrue();
    assertThat(area.contains(50.0, 4.5)).as("on the boundary").isTrue();
    assertThat(area.contains(50.5, 4.5)).as("in the hole").isFalse();
    assertThat(area.contains(51.2, 4.5)).isFalse();
    assertThat(area.coverage(50.1, 4.1, 50.12, 4.12)).isEqualTo(AlertArea.Coverage.INSIDE);
    assertThat(area.coverage(50.49, 4.49, 50.51, 4.51)).isEqualTo(AlertArea.Coverage.OUTSIDE);
  }

  @Test
  void aSelfIntersectingOrUnclosedPolygonIsRepairedNotDropped() {
    Coordinate a = at(50, 4);
    Coordinate b = at(50, 5);
    Coordinate c = at(51, 4);
    Coordinate d = at(51, 5);
    Polygon bowTie = new Polygon(List.of(a, b, c, d, a), List.of());
    Polygon unclosed = new Polygon(List.of(at(52, 4), at(52, 5), at(53, 5), at(53, 4)),
        List.of());
    AlertArea area = AlertArea.of(area(List.of(bowTie, unclosed), List.of(), List.of()));

    assertThat(area.contains(50.1, 4.5)).isTrue();
    assertThat(area.contains(52.5, 4.5)).isTrue();
    assertThat(area.contains(50.5, 4.05)).isFalse();
  }

  @Test
  void theUnionOfTwoAreasCoversCellsThatNeitherCoversAlone() {
    AlertArea area = AlertArea.of(area(List.of(rectangle(50, 4, 51, 4.5)), List.of(), List.of()),
        area(List.of(rectangle(50, 4.5, 51, 5)), List.of(), List.of()));
    assertThat(area.coverage(50.4, 4.49, 50.42, 4.51)).isEqualTo(AlertArea.Coverage.INSIDE);
  }

  @Test
  void anAreaWithoutGeometryHasNoEnvelope() {
    AlertArea area = AlertArea.of(area(List.of(), List.of(), List.of("zone-1")), null);
    assertThat(area.isEmpty()).isTrue();
    assertThat(area.envelope()).isNull();
  }
}
