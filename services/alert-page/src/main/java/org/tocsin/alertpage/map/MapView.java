package org.tocsin.alertpage.map;

import java.util.List;
import java.util.Map;
import org.tocsin.alertpage.language.LanguageTags;

/**
 * A map of an alert's area, ready to be written as inline SVG: every coordinate is in the
 * drawing's own units (north up), every path an SVG path, every name still to be escaped. The same for
 * every language: only the regions' names differ.
 *
 * @param width the drawing's width
 * @param height its height
 * @param area the paths of the alert's area
 * @param earlierArea the paths of the earlier versions' area where it differs (an update that
 *     moved or shrank the area), else empty
 * @param regions the regions drawn behind, for orientation
 * @param scale a scale bar
 */
public record MapView(String width, String height, List<String> area, List<String> earlierArea,
                      List<Region> regions, ScaleBar scale) {

  /** A background region and, where it has room, its name. */
  public record Region(String path, Label label) {
  }

  /**
   * A name placed at a point inside its region (null where the region shows too little), in
   * every language the region is named in.
   */
  public record Label(String x, String y, Map<String, String> names) {

    /** The name in this language, else in English, else the first one known. */
    public String text(String language) {
      String name = names.get(LanguageTags.primary(language));
      if (name == null) {
        name = names.get("en");
      }
      return name != null ? name : names.values().iterator().next();
    }
  }

  /** A bar of {@code length} drawing units that stands for {@code text} (e.g. 5 km). */
  public record ScaleBar(String x, String y, String length, String text) {
  }
}
