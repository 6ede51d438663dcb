package org.tocsin.dispatcher.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.circle;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;
import static org.tocsin.dispatcher.Fixtures.zone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.area.AlertArea;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.SubscriberChanged;

class SubscriberDirectoryTest {

  private static final AlertArea BRUSSELS = AlertArea.of(area(
      List.of(rectangle(50.80, 4.30, 50.90, 4.45)), List.of(), List.of()));
  private static final List<AlertCategory> SAFETY = List.of(AlertCategory.SAFETY);

  private final SubscriberDirectory directory = new SubscriberDirectory(Channel.SMS);

  @Test
  void matchesSubscribersWithALocationInsideAndNobodyOutside() {
    put(subscriber("in", Channel.SMS, "+32470000001", "fr", at(50.85, 4.35)).build());
    put(subscriber("out", Channel.SMS, "+32470000002", "nl", at(51.2, 4.4)).build());

    Recipients recipients = match(BRUSSELS, List.of(), false);

    assertThat(ids(recipients)).containsExactly("in");
    assertThat(recipients.address(0)).isEqualTo("+32470000001");
    assertThat(recipients.language(0)).isEqualTo("fr");
  }

  @Test
  void oneRecipientPerPersonHoweverManyOfTheirPlacesMatch() {
    put(subscriber("many", Channel.SMS, "+32470000003", "nl", at(50.81, 4.31), at(50.85, 4.35),
        at(50.89, 4.44), at(51.5, 5.0)).build());
    assertThat(ids(match(BRUSSELS, List.of(), false))).containsExactly("many");
  }

  @Test
  void matchesPointsInACircleAcrossManyCells() {
    put(subscriber("near", Channel.SMS, "+32470000004", "nl", at(51.05, 3.72)).build());
    put(subscriber("far", Channel.SMS, "+32470000005", "nl", at(51.30, 3.72)).build());
    AlertArea ghent = AlertArea.of(area(List.of(), List.of(circle(at(51.054, 3.717), 15_000)),
        List.of()));
    assertThat(ids(match(ghent, List.of(), false))).containsExactly("near");
  }

  @Test
  void matchesFollowersOfANamedZoneUnlessTheirSubscriptionEnded() {
    Instant sent = Instant.parse("2026-06-01T12:00:00Z");
    put(subscriber("follows", Channel.SMS, "+32470000006", "de").setZones(
        List.of(zone("seveso-1", null))).build());
    put(subscriber("event-ongoing", Channel.SMS, "+32470000007", "de").setZones(
        List.of(zone("seveso-1", sent.plusSeconds(3600)))).build());
    put(subscriber("event-over", Channel.SMS, "+32470000008", "de").setZones(
        List.of(zone("seveso-1", sent.minusSeconds(1)))).build());
    put(subscriber("other-zone", Channel.SMS, "+32470000009", "de").setZones(
        List.of(zone("nuclear-2", null))).build());

    Recipients recipients = directory.match(AlertArea.of(), List.of("x", "seveso-1"),
        sent.toEpochMilli(), SAFETY, false);

    assertThat(ids(recipients)).containsExactlyInAnyOrder("follows", "event-ongoing");
    for (int i = 0; i < recipients.size(); i++) {
      assertThat(recipients.followedZones(i)).containsExactly(1);
    }
  }

  @Test
  void declinedCategoriesAreHonouredExceptForLifeSafetyAlerts() {
    put(subscriber("declines", Channel.SMS, "+32470000010", "en", at(50.85, 4.35))
        .setDeclinedCategories(List.of(AlertCategory.SAFETY)).build());
    put(subscriber("declines-other", Channel.SMS, "+32470000011", "en", at(50.85, 4.35))
        .setDeclinedCategories(List.of(AlertCategory.MET)).build());

    assertThat(ids(match(BRUSSELS, List.of(), false))).containsExactly("declines-other");
    assertThat(ids(match(BRUSSELS, List.of(), true)))
        .containsExactlyInAnyOrder("declines", "declines-other");
    assertThat(ids(directory.match(BRUSSELS, List.of(), 0,
        List.of(AlertCategory.SAFETY, AlertCategory.FIRE), false)))
        .as("an alert with a category not declined still reaches them")
        .containsExactlyInAnyOrder("declines", "declines-other");
  }

  @Test
  void keepsOnlyVerifiedContactsOfItsOwnChannel() {
    put(subscriber("email-only", Channel.EMAIL, "a@example.be", "nl", at(50.85, 4.35)).build());
    put(subscriber("unverified", Channel.SMS, "+32470000012", "nl", at(50.85, 4.35))
        .setContacts(List.of(new Contact(Channel.SMS, "+32470000012", false, null))).build());
    assertThat(directory.size()).isZero();
    assertThat(match(BRUSSELS, List.of(), true).size()).isZero();
  }

  @Test
  void anErasedSubscriberIsGoneAndItsSlotReused() {
    put(subscriber("erased", Channel.SMS, "+32470000013", "nl", at(50.85, 4.35)).build());
    apply("erased", null);
    assertThat(directory.size()).isZero();
    assertThat(directory.reaches("erased", "+32470000013")).isFalse();
    assertThat(match(BRUSSELS, List.of(), true).size()).isZero();

    put(subscriber("next", Channel.SMS, "+32470000014", "nl", at(50.85, 4.35)).build());
    assertThat(ids(match(BRUSSELS, List.of(), true))).containsExactly("next");
  }

  @Test
  void aChangeMovesTheSubscriberAndAnOlderRevisionIsIgnored() {
    put(subscriber("mover", Channel.SMS, "+32470000015", "nl", at(50.85, 4.35))
        .setRevision(2).build());
    put(subscriber("mover", Channel.SMS, "+32470000016", "nl", at(51.2, 4.4))
        .setRevision(3).build());
    put(subscriber("mover", Channel.SMS, "+32470000015", "nl", at(50.85, 4.35))
        .setRevision(2).build());

    assertThat(match(BRUSSELS, List.of(), true).size()).isZero();
    assertThat(directory.reaches("mover", "+32470000016")).isTrue();
    assertThat(directory.reaches("mover", "+32470000015")).isFalse();
  }

  @Test
  void losingTheLastVerifiedContactOfTheChannelRemovesTheSubscriber() {
    put(subscriber("switcher", Channel.SMS, "+32470000017", "nl", at(50.85, 4.35)).build());
    put(subscriber("switcher", Channel.EMAIL, "s@example.be", "nl", at(50.85, 4.35))
        .setRevision(2).build());
    assertThat(directory.size()).isZero();
  }

  @Test
  void recipientsComeInAnOrderThatDoesNotDependOnHowTheDirectoryWasBuilt() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      ids.add("subscriber-" + i);
    }
    SubscriberDirectory forwards = new SubscriberDirectory(Channel.SMS);
    SubscriberDirectory shuffled = new SubscriberDirectory(Channel.SMS);
    List<String> shuffledIds = new ArrayList<>(ids);
    java.util.Collections.shuffle(shuffledIds, new Random(7));
    for (String id : ids) {
      forwards.apply(List.of(new SubscriberDirectory.Change(id,
          subscriber(id, Channel.SMS, "+3247" + id.hashCode(), "nl", at(50.85, 4.35)).build(),
          0)));
    }
    for (String id : shuffledIds) {
      shuffled.apply(List.of(new SubscriberDirectory.Change(id,
          subscriber(id, Channel.SMS, "+3247" + id.hashCode(), "nl", at(50.85, 4.35)).build(),
          0)));
    }

    Recipients a = forwards.match(BRUSSELS, List.of(), 0, SAFETY, false);
    Recipients b = shuffled.match(BRUSSELS, List.of(), 0, SAFETY, false);

    assertThat(ids(a)).containsExactlyElementsOf(ids(b)).hasSize(2000);
    assertThat(ids(a)).isSortedAccordingTo(Recipients.ORDER);
    assertThat(a.indexAfter(a.subscriberId(999))).isEqualTo(1000);
    assertThat(a.indexAfter(a.subscriberId(1999))).isEqualTo(2000);
  }

  private Recipients match(AlertArea area, List<String> zoneIds, boolean lifeSafety) {
    return directory.match(area, zoneIds, System.currentTimeMillis(), SAFETY, lifeSafety);
  }

  @Test
  void aCorrectionReachesEarlierRecipientsWhereverTheyAreNowAndNoOneErased() {
    put(subscriber("moved-out", Channel.SMS, "+32470000101", "nl", at(51.2, 4.4)).build());
    put(subscriber("still-in", Channel.SMS, "+32470000102", "nl", at(50.85, 4.35)).build());
    put(subscriber("new-in-area", Channel.SMS, "+32470000103", "nl", at(50.86, 4.36)).build());
    put(subscriber("erased", Channel.SMS, "+32470000104", "nl", at(50.85, 4.35)).build());
    apply("erased", null);
    Set<String> earlier = Set.of("moved-out", "still-in", "erased");

    Recipients cancel = directory.match(null, List.of(), 0, SAFETY, false, earlier::contains);
    Recipients update = directory.match(BRUSSELS, List.of(), 0, SAFETY, false,
        earlier::contains);

    assertThat(ids(cancel)).containsExactlyInAnyOrder("moved-out", "still-in");
    assertThat(ids(update)).containsExactlyInAnyOrder("moved-out", "still-in", "new-in-area");
  }

  @Test
  void anEarlierRecipientWhoDeclinedTheCategorySinceStillGetsTheCorrection() {
    put(subscriber("declined-since", Channel.SMS, "+32470000105", "nl", at(50.85, 4.35))
        .setDeclinedCategories(SAFETY).build());

    assertThat(ids(match(BRUSSELS, List.of(), false))).isEmpty();
    assertThat(ids(directory.match(BRUSSELS, List.of(), 0, SAFETY, false,
        "declined-since"::equals))).containsExactly("declined-since");
  }

  @Test
  void matchesAmongGivenSubscribersAsTheWholeMatchWould() {
    Instant now = Instant.parse("2026-06-01T12:00:00Z");
    put(subscriber("inside", Channel.SMS, "+32470000106", "nl", at(50.85, 4.35)).build());
    put(subscriber("follows", Channel.SMS, "+32470000107", "nl", at(51.2, 4.4))
        .setZones(List.of(zone("zone-a", null))).build());
    put(subscriber("ended", Channel.SMS, "+32470000108", "nl", at(51.2, 4.4))
        .setZones(List.of(zone("zone-a", now.minusSeconds(1)))).build());
    put(subscriber("outside", Channel.SMS, "+32470000109", "nl", at(51.2, 4.4)).build());
    put(subscriber("declined", Channel.SMS, "+32470000110", "nl", at(50.85, 4.35))
        .setDeclinedCategories(SAFETY).build());
    List<String> all = List.of("inside", "follows", "ended", "outside", "declined", "unknown");

    Recipients among = directory.matchAmong(all, BRUSSELS, List.of("zone-a"),
        now.toEpochMilli(), SAFETY, false);

    assertThat(ids(among)).containsExactlyInAnyOrder("inside", "follows");
    assertThat(among.followedZones(ids(among).indexOf("follows"))).containsExactly(0);
    assertThat(ids(directory.matchAmong(all, BRUSSELS, List.of("zone-a"), now.toEpochMilli(),
        SAFETY, true))).containsExactlyInAnyOrder("inside", "follows", "declined");
  }

  @Test
  void tellsWhoChangedSinceAnInstantByTheirRecordsTimestamps() {
    directory.apply(List.of(
        new SubscriberDirectory.Change("old", subscriber("old", Channel.SMS, "+32470000111",
            "nl", at(50.85, 4.35)).build(), 1_000),
        new SubscriberDirectory.Change("recent", subscriber("recent", Channel.SMS,
            "+32470000112", "nl", at(50.85, 4.35)).build(), 5_000)));

    assertThat(directory.changedSince(2_000)).containsExactly("recent");
    assertThat(directory.changedSince(1_000)).containsExactlyInAnyOrder("old", "recent");
  }

  @Test
  void pushKeysTravelWithTheirRecipient() {
    directory.apply(List.of(new SubscriberDirectory.Change("push",
        subscriber("push", Channel.SMS, "+32470000113", "nl", at(50.85, 4.35))
            .setContacts(List.of(new Contact(Channel.SMS, "+32470000113", true,
                new PushKeys("p256dh-key", "auth-key")))).build(), 0)));

    Recipients recipients = match(BRUSSELS, List.of(), false);

    assertThat(recipients.pushKeys(0)).isEqualTo(new PushKeys("p256dh-key", "auth-key"));
  }

  private void put(SubscriberChanged state) {
    apply(state.getSubscriberId(), state);
  }

  private void apply(String id, SubscriberChanged state) {
    directory.apply(List.of(new SubscriberDirectory.Change(id, state, 0)));
  }

  private static List<String> ids(Recipients recipients) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      ids.add(recipients.subscriberId(i));
    }
    return ids;
  }
}
