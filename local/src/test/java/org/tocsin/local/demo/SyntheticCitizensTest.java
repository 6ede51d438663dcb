package org.tocsin.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCitizensTest {

  @Test
  void makesDistinctBelgianMobilesInTheFourLanguagesAroundBelgium() {
    SyntheticCitizens citizens = new SyntheticCitizens(List.of("demo-brussels", "demo-gent"), 1L);
    Set<String> numbers = new HashSet<>();
    Set<String> languages = new HashSet<>();
    List<double[]> places = new ArrayList<>();
    int following = 0;
    for (int i = 0; i < 5000; i++) {
      Map<String, Object> citizen = citizens.next();
      numbers.add(contact(citizen));
      languages.add((String) citizen.get("language"));
      for (Map<String, Object> location : locations(citizen)) {
        places.add(new double[] {(double) location.get("latitude"),
            (double) location.get("longitude")});
      }
      following += ((List<?>) citizen.get("zones")).size();
    }

    assertThat(numbers).hasSize(5000).allMatch(number -> number.matches("\\+3247[5-9]\\d{6}"));
    assertThat(languages).containsExactlyInAnyOrder("nl", "fr", "de", "en");
    assertThat(places).allMatch(place -> place[0] > 49.0 && place[0] < 52.0
        && place[1] > 2.0 && place[1] < 7.0);
    long nearBrussels = places.stream()
        .filter(place -> Math.abs(place[0] - 50.85) < 0.1 && Math.abs(place[1] - 4.35) < 0.15)
        .count();
    assertThat(nearBrussels).as("cities are dense").isGreaterThan(places.size() / 10);
    assertThat(following).isBetween(300, 700);
  }

  @Test
  void theSameSeedMakesTheSameCitizens() {
    assertThat(new SyntheticCitizens(List.of("z"), 7L).next())
        .isEqualTo(new SyntheticCitizens(List.of("z"), 7L).next());
  }

  @SuppressWarnings("unchecked")
  private static String contact(Map<String, Object> citizen) {
    return ((List<Map<String, String>>) citizen.get("contacts")).get(0).get("address");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> locations(Map<String, Object> citizen) {
    return (List<Map<String, Object>>) citizen.get("locations");
  }
}
