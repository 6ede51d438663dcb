package org.tocsin.alertintake.cap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.alert.InfoText;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;

/**
 * Merges the info blocks of a CAP message into one Tocsin alert by the most protective
 * reading (docs/decisions.md, "CAP as other systems write it"):
 * <ul>
 *   <li>the areas and the categories of all blocks are united;</li>
 *   <li>an element one block leaves out is taken from another (effective, expires, urgency,
 *       severity, certainty, senderName, web, the channels);</li>
 *   <li>where blocks differ, the highest urgency, severity and certainty, the earliest
 *       effective, the latest expires and every channel any block asks for are kept, each
 *       such choice listed as a warning;</li>
 *   <li>a block without description uses its headline, one without SMS text its headline;</li>
 *   <li>only real contradictions are refused: two blocks of one language with different
 *       events or different texts, and blocks whose event codes differ.</li>
 * </ul>
 * The event and the area's description are the first block's, the default language's.
 */
final class InfoBlocks {

  private InfoBlocks() {
  }

  /** The alert's content, and the areas whose other geocodes are still to be resolved. */
  record Merged(AlertContent content, List<CapMessage.GeocodedArea> geocodes) {
  }

  /**
   * @param areaRequired false for a Cancel, which cancels the area of the alert it references
   */
  static Merged merge(AlertStatus status, List<CapInfo> blocks, String note,
                      boolean areaRequired, Violations violations, List<CapWarning> warnings) {
    List<CapInfo> infos = byLanguage(blocks, violations);
    eventCodesAgree(blocks, violations);
    CapInfo first = blocks.get(0);
    List<AlertCategory> categories = new ArrayList<>();
    blocks.forEach(b -> b.categories().stream().filter(c -> !categories.contains(c))
        .forEach(categories::add));
    if (categories.isEmpty()) {
      violations.add("alert.info.category", "is missing in every info block");
    }
    String event = firstGiven(blocks, CapInfo::event);
    if (event == null) {
      violations.add("alert.info.event", "is missing in every info block");
    }
    var urgency = highest(blocks, CapInfo::urgency, "urgency", violations, warnings);
    var severity = highest(blocks, CapInfo::severity, "severity", violations, warnings);
    var certainty = highest(blocks, CapInfo::certainty, "certainty", violations, warnings);
    Instant effective = chosen(blocks, CapInfo::effective, Comparator.naturalOrder(),
        "effective", "earliest", warnings);
    Instant expires = chosen(blocks, CapInfo::expires, Comparator.reverseOrder(), "expires",
        "latest", warnings);
    List<Channel> channels = channels(blocks, warnings);
    String senderName = firstGiven(blocks, CapInfo::senderName);
    String web = firstGiven(blocks, CapInfo::web);
    List<InfoText> texts = new ArrayList<>();
    for (CapInfo info : infos) {
      String description = info.description();
      if (description == null && info.headline() != null) {
        description = info.headline();
        warnings.add(new CapWarning(info.field() + ".description", "is missing; the headline "
            + "is the description"));
      }
      texts.add(new InfoText(info.language(),
          info.senderName() != null ? info.senderName() : senderName, info.headline(),
          description, info.instruction(),
          info.smsText() != null ? info.smsText() : info.headline(),
          info.web() != null ? info.web() : web));
    }
    Area area = area(blocks, areaRequired, violations);
    AlertContent content = new AlertContent(status, categories, event, urgency, severity,
        certainty, effective, expires, texts, area.spec(), channels, note);
    return new Merged(content, area.geocodes());
  }

  /**
   * One block per language: blocks of one language are one if they say the same, else a
   * contradiction Tocsin cannot send.
   */
  private static List<CapInfo> byLanguage(List<CapInfo> blocks, Violations violations) {
    Map<String, CapInfo> byLanguage = new LinkedHashMap<>();
    for (CapInfo block : blocks) {
      CapInfo earlier = byLanguage.putIfAbsent(block.language(), block);
      if (earlier == null) {
        continue;
      }
      if (earlier.event() != null && block.event() != null
          && !earlier.event().equals(block.event())) {
        violations.add(block.field() + ".event", "is '" + CapReader.shorten(block.event())
            + "' where " + earlier.field() + " of the same language '" + block.language()
            + "' is '" + CapReader.shorten(earlier.event()) + "': one message, one event; "
            + "send each event in a message of its own");
      } else if (!Objects.equals(earlier.headline(), block.headline())
          || !Objects.equals(earlier.description(), block.description())
          || !Objects.equals(earlier.instruction(), block.instruction())
          || !Objects.equals(earlier.smsText(), block.smsText())) {
        violations.add(block.field() + ".language", "'" + block.language() + "' already has "
            + "the info block " + earlier.field() + " with other texts; Tocsin sends one text "
            + "per language");
      }
    }
    return new ArrayList<>(byLanguage.values());
  }

  /** Blocks in different languages name the same event; event codes can tell otherwise. */
  private static void eventCodesAgree(List<CapInfo> blocks, Violations violations) {
    Map<String, CapInfo> firstWith = new LinkedHashMap<>();
    for (CapInfo block : blocks) {
      for (Map.Entry<String, String> code : block.eventCodes().entrySet()) {
        CapInfo earlier = firstWith.putIfAbsent(code.getKey(), block);
        if (earlier != null && !earlier.eventCodes().get(code.getKey()).equals(code.getValue())) {
          violations.add(block.field() + ".eventCode", "'" + CapReader.shorten(code.getKey())
              + "' is '" + CapReader.shorten(code.getValue()) + "' where " + earlier.field()
              + " has '" + CapReader.shorten(earlier.eventCodes().get(code.getKey()))
              + "': different events; send each event in a message of its own");
        }
      }
    }
  }

  private static <T> T firstGiven(List<CapInfo> blocks, Function<CapInfo, T> element) {
    return blocks.stream().map(element).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** The highest value the blocks give (CAP's enumerations run from highest to lowest). */
  private static <E extends Enum<E>> E highest(List<CapInfo> blocks, Function<CapInfo, E> element,
                                               String name, Violations violations,
                                               List<CapWarning> warnings) {
    E value = chosen(blocks, element, Comparator.naturalOrder(), name, "highest", warnings);
    if (value == null) {
      violations.add("alert.info." + name, "is missing in every info block");
    }
    return value;
  }

  /** The first value by the order among those the blocks give; a warning if they differ. */
  private static <T> T chosen(List<CapInfo> blocks, Function<CapInfo, T> element,
                              Comparator<? super T> order, String name, String which,
                              List<CapWarning> warnings) {
    Set<T> given = blocks.stream().map(element).filter(Objects::nonNull)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (given.isEmpty()) {
      return null;
    }
    T value = given.stream().min(order).orElseThrow();
    if (given.size() > 1) {
      warnings.add(new CapWarning("alert.info." + name, "differs between the info blocks ("
          + given.stream().map(InfoBlocks::cap).collect(Collectors.joining(", ")) + "); the "
          + which + ", " + cap(value) + ", is kept"));
    }
    return value;
  }

  private static List<Channel> channels(List<CapInfo> blocks, List<CapWarning> warnings) {
    Set<List<Channel>> given = blocks.stream().map(CapInfo::channels).filter(Objects::nonNull)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (given.isEmpty()) {
      return List.of();
    }
    List<Channel> united = new ArrayList<>();
    given.forEach(list -> list.stream().filter(c -> !united.contains(c)).forEach(united::add));
    if (given.size() > 1) {
      warnings.add(new CapWarning("alert.info.parameter", "the info blocks ask for different "
          + "channels; every channel any of them asks for is used: " + united));
    }
    return united;
  }

  private record Area(AreaSpec spec, List<CapMessage.GeocodedArea> geocodes) {
  }

  /**
   * The union of every block's areas. An area naming a Tocsin zone stands for the catalogue's
   * geometry of the zone (Tocsin's own export adds its outline as a polygon, for partners
   * without the catalogue); the polygons and circles of any other area count.
   */
  private static Area area(List<CapInfo> blocks, boolean required, Violations violations) {
    LinkedHashSet<DrawnPolygon> polygons = new LinkedHashSet<>();
    LinkedHashSet<DrawnCircle> circles = new LinkedHashSet<>();
    LinkedHashSet<String> zoneIds = new LinkedHashSet<>();
    Map<List<CapInfo.Geocode>, CapMessage.GeocodedArea> geocoded = new LinkedHashMap<>();
    if (required && blocks.stream().allMatch(b -> b.areas().isEmpty())) {
      violations.add("alert.info.area", "is missing in every info block: Tocsin sends alerts "
          + "to an area");
    }
    for (CapInfo block : blocks) {
      for (CapInfo.Area area : block.areas()) {
        zoneIds.addAll(area.zoneIds());
        if (area.zoneIds().isEmpty()) {
          polygons.addAll(area.polygons());
          circles.addAll(area.circles());
        }
        if (!area.geocodes().isEmpty()) {
          List<CapInfo.Geocode> codes = area.geocodes().stream()
              .map(g -> new CapInfo.Geocode(null, g.valueName(), g.value())).toList();
          geocoded.putIfAbsent(codes, new CapMessage.GeocodedArea(area.field(),
              area.hasGeometry() || !area.zoneIds().isEmpty(), area.geocodes()));
        }
      }
    }
    return new Area(new AreaSpec(description(blocks.get(0)), new ArrayList<>(polygons),
        new ArrayList<>(circles), new ArrayList<>(zoneIds)),
        new ArrayList<>(geocoded.values()));
  }

  /**
   * The first block's descriptions of its areas that name no Tocsin zone, once each; without
   * such areas, those of its zones.
   */
  private static String description(CapInfo first) {
    String drawn = descriptions(first, false);
    return drawn != null ? drawn : descriptions(first, true);
  }

  private static String descriptions(CapInfo block, boolean zones) {
    String joined = block.areas().stream().filter(a -> a.zoneIds().isEmpty() != zones)
        .map(CapInfo.Area::description).filter(Objects::nonNull).distinct()
        .collect(Collectors.joining(", "));
    return joined.isEmpty() ? null : joined;
  }

  private static String cap(Object value) {
    return value instanceof Enum<?> e ? CapVocabulary.toCap(e) : String.valueOf(value);
  }
}
