package org.tocsin.alertpage.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.tocsin.events.v1.Area;

/**
 * Draws an alert's area as a map that needs no script and no tiles: the area (united polygons
 * and geodesic circles) over the background regions that surround it, projected
 * equirectangularly at the area's middle latitude (true to shape at the scale of a country),
 * north up, simplified to half a drawing unit, with a scale bar.
 */
public final class AreaMaps {

  /** Space around the area, as a share of its extent. */
  private static final double MARGIN = 0.15;
  /** The smallest extent shown, in degrees of latitude (about 2 km). */
  private static final double MIN_SPAN_DEGREES = 0.02;
  private static final double SIMPLIFY_UNITS = 0.5;
  /** A region is named only where it shows at least this many square units. */
  private static final double MIN_LABELLED_AREA = 4000;
  /** The width of a label's character and its height, roughly, in drawing units. */
  private static final double LABEL_CHAR_WIDTH = 8.5;
  private static final double LABEL_HEIGHT = 18;
  private static final double[] NICE_STEPS = {1, 2, 5};

  private final MapBackground background;
  private final int maxWidth;
  private final int maxHeight;
  private final int circleSegments;

  public AreaMaps(MapBackground background, int maxWidth, int maxHeight, int circleSegments) {
    this.background = background;
    this.maxWidth = maxWidth;
    this.maxHeight = maxHeight;
    this.circleSegments = circleSegments;
  }

  /**
   * The map of {@code area}, with {@code earlier} (the earlier versions' area, or null) drawn
   * if it is not the same; null if the area has no geometry (named zones only resolve to
   * polygons in alert-intake, so this is an area of nothing but a description).
   */
  public MapView draw(Area area, Area earlier) {
    Geometry shape = AreaGeometry.of(area, circleSegments);
    Geometry before = earlier == null || earlier.equals(area) ? null
        : AreaGeometry.of(earlier, circleSegments);
    if (shape.isEmpty() && (before == null || before.isEmpty())) {
      return null;
    }
    Envelope view = new Envelope(shape.getEnvelopeInternal());
    if (before != null && !before.isEmpty()) {
      view.expandToInclude(before.getEnvelopeInternal());
    }
    double midLat = (view.getMinY() + view.getMaxY()) / 2;
    double lonScale = Math.cos(Math.toRadians(midLat));
    // Extents in degrees of latitude, the projection's unit; then the frame's shape.
    double across = Math.max(view.getWidth() * lonScale * (1 + 2 * MARGIN), MIN_SPAN_DEGREES);
    double down = Math.max(view.getHeight() * (1 + 2 * MARGIN), MIN_SPAN_DEGREES);
    double aspect = (double) maxWidth / maxHeight;
    if (across / down < aspect) {
      across = down * aspect;
    } else {
      down = across / aspect;
    }
    view.expandBy((across / lonScale - view.getWidth()) / 2, (down - view.getHeight()) / 2);
    double unitsPerDegree = maxHeight / down;
    double width = maxWidth;
    double height = maxHeight;
    AffineTransformation projection = new AffineTransformation()
        .translate(-view.getMinX(), -view.getMaxY())
        .scale(lonScale * unitsPerDegree, -unitsPerDegree);

    Geometry frame = AreaGeometry.GEOMETRY.toGeometry(view);
    List<Geometry> shown = new ArrayList<>();
    List<MapRegion> named = new ArrayList<>();
    for (MapRegion region : background.within(view)) {
      Geometry visible = region.geometry().intersection(frame);
      if (!visible.isEmpty() && visible.getDimension() == 2) {
        shown.add(projection.transform(visible));
        named.add(region);
      }
    }
    List<MapView.Label> labels = labels(shown, named, width);
    List<MapView.Region> regions = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      String path = path(DouglasPeuckerSimplifier.simplify(shown.get(i), SIMPLIFY_UNITS));
      if (!path.isEmpty()) {
        regions.add(new MapView.Region(path, labels.get(i)));
      }
    }
    return new MapView(number(width), number(height), paths(shape, projection),
        before == null ? List.of() : paths(before, projection), regions,
        scaleBar(view, midLat, width, height));
  }

  private static List<String> paths(Geometry geometry, AffineTransformation projection) {
    if (geometry.isEmpty()) {
      return List.of();
    }
    String path = path(DouglasPeuckerSimplifier.simplify(projection.transform(geometry),
        SIMPLIFY_UNITS));
    return path.isEmpty() ? List.of() : List.of(path);
  }

  /** One SVG path of every polygon's rings (holes cut out by the even-odd rule). */
  private static String path(Geometry drawn) {
    StringBuilder path = new StringBuilder();
    for (Object part : PolygonExtracter.getPolygons(drawn)) {
      Polygon polygon = (Polygon) part;
      ring(path, polygon.getExteriorRing());
      for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
        ring(path, polygon.getInteriorRingN(i));
      }
    }
    return path.toString().strip();
  }

  private static void ring(StringBuilder path, LinearRing ring) {
    Coordinate[] points = ring.getCoordinates();
    if (points.length < 4) {
      return;
    }
    path.append('M').append(number(points[0].x)).append(' ').append(number(points[0].y));
    for (int i = 1; i < points.length - 1; i++) {
      path.append('L').append(number(points[i].x)).append(' ').append(number(points[i].y));
    }
    path.append("Z ");
  }

  /**
   * A label per region where it has room: at the centre of the largest circle inside what the
   * map shows of it, kept inside the frame, and left out where it would cover the label of a
   * larger region. Null for the regions left unnamed.
   */
  private static List<MapView.Label> labels(List<Geometry> shown, List<MapRegion> regions,
                                            double width) {
    List<MapView.Label> labels = new ArrayList<>();
    List<Envelope> placed = new ArrayList<>();
    List<Integer> largestFirst = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      labels.add(null);
      largestFirst.add(i);
    }
    largestFirst.sort((a, b) -> Double.compare(shown.get(b).getArea(), shown.get(a).getArea()));
    for (int i : largestFirst) {
      Geometry region = shown.get(i);
      Map<String, String> names = regions.get(i).names();
      if (names.isEmpty() || region.getArea() < MIN_LABELLED_AREA) {
        continue;
      }
      Point centre = MaximumInscribedCircle.getCenter(region, SIMPLIFY_UNITS * 4);
      if (centre.isEmpty()) {
        centre = region.getInteriorPoint();
      }
      int longest = names.values().stream().mapToInt(String::length).max().orElse(0);
      double half = Math.min(longest * LABEL_CHAR_WIDTH, width) / 2;
      double x = Math.clamp(centre.getX(), half, width - half);
      Envelope box = new Envelope(x - half, x + half, centre.getY() - LABEL_HEIGHT,
          centre.getY() + LABEL_HEIGHT / 3);
      if (placed.stream().noneMatch(box::intersects)) {
        placed.add(box);
        labels.set(i, new MapView.Label(number(x), number(centre.getY()), names));
      }
    }
    return labels;
  }

  /** A bar of a round length (1, 2 or 5 times a power of ten metres) near a quarter of the width. */
  private static MapView.ScaleBar scaleBar(Envelope view, double midLat, double width,
                                           double height) {
    double metresAcross = Geodesic.WGS84.Inverse(midLat, view.getMinX(), midLat, view.getMaxX(),
        GeodesicMask.DISTANCE).s12;
    double metresPerUnit = metresAcross / width;
    double wanted = metresPerUnit * width / 4;
    double power = Math.pow(10, Math.floor(Math.log10(wanted)));
    double metres = power;
    for (double step : NICE_STEPS) {
      if (step * power <= wanted) {
        metres = step * power;
      }
    }
    String text = metres >= 1000 ? number(metres / 1000) + " km" : number(metres) + " m";
    return new MapView.ScaleBar(number(width * 0.04), number(height * 0.94),
        number(metres / metresPerUnit), text);
  }

  /** At most one decimal, no trailing zero, never a locale's decimal comma. */
  static String number(double value) {
    double rounded = Math.round(value * 10) / 10.0;
    if (rounded == Math.rint(rounded)) {
      return Long.toString((long) rounded);
    }
    return String.format(Locale.ROOT, "%.1f", rounded);
  }
}
