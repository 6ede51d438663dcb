package org.tocsin.subscriptions.subscriber;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tocsin.events.v1.AccessibilityNeed;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.Channel;
import org.tocsin.subscriptions.contact.ContactAddress;
import org.tocsin.subscriptions.contact.EmailAddress;
import org.tocsin.subscriptions.contact.MobileNumber;
import org.tocsin.subscriptions.contact.PushSubscription;
import org.tocsin.subscriptions.subscriber.Subscriber.FollowedZone;
import org.tocsin.subscriptions.subscriber.Subscriber.Location;

/** Subscribers and their contacts, locations and zones in PostgreSQL. */
@Repository
class SubscriberRepository {

  private final JdbcClient jdbc;

  SubscriberRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertSubscriber(UUID id, Preferences preferences, byte[] tokenHash, Instant now) {
    jdbc.sql("""
            INSERT INTO subscriber (id, revision, language, declined_categories, accessibility,
                                    management_token_hash, published, created_at, changed_at)
            VALUES (?, 1, ?, ?, ?, ?, false, ?, ?)""")
        .params(id, preferences.language(), names(preferences.declinedCategories()),
            names(preferences.accessibility()), tokenHash, Timestamp.from(now),
            Timestamp.from(now))
        .update();
    insertLocations(id, preferences.locations());
    insertZones(id, preferences.zoneIds());
  }

  void updatePreferences(UUID id, Preferences preferences) {
    jdbc.sql("UPDATE subscriber SET language = ?, declined_categories = ?, accessibility = ? "
            + "WHERE id = ?")
        .params(preferences.language(), names(preferences.declinedCategories()),
            names(preferences.accessibility()), id)
        .update();
    replaceLocations(id, preferences.locations());
    replaceZones(id, preferences.zoneIds());
  }

  private void replaceLocations(UUID id, List<Location> locations) {
    jdbc.sql("DELETE FROM location WHERE subscriber_id = ?").param(id).update();
    insertLocations(id, locations);
  }

  private void replaceZones(UUID id, Collection<String> zoneIds) {
    jdbc.sql("DELETE FROM zone_subscription WHERE subscriber_id = ?").param(id).update();
    insertZones(id, zoneIds);
  }

  /** All locations in one statement: a registration surge counts round trips. */
  private void insertLocations(UUID id, List<Location> locations) {
    if (locations.isEmpty()) {
      return;
    }
    Integer[] positions = new Integer[locations.size()];
    String[] labels = new String[locations.size()];
    Double[] latitudes = new Double[locations.size()];
    Double[] longitudes = new Double[locations.size()];
    for (int i = 0; i < locations.size(); i++) {
      positions[i] = i;
      labels[i] = locations.get(i).label();
      latitudes[i] = locations.get(i).latitude();
      longitudes[i] = locations.get(i).longitude();
    }
    jdbc.sql("""
            INSERT INTO location (subscriber_id, position, label, latitude, longitude)
            SELECT ?, * FROM unnest(?::smallint[], ?::text[], ?::float8[], ?::float8[])""")
        .params(id, positions, labels, latitudes, longitudes).update();
  }

  private void insertZones(UUID id, Collection<String> zoneIds) {
    if (!zoneIds.isEmpty()) {
      jdbc.sql("INSERT INTO zone_subscription (subscriber_id, zone_id) "
              + "SELECT ?, unnest(?::text[])")
          .params(id, zoneIds.toArray(String[]::new)).update();
    }
  }

  void insertContact(UUID subscriberId, UUID contactId, ContactAddress address, Instant now) {
    PushSubscription push = address instanceof PushSubscription p ? p : null;
    String region = address instanceof MobileNumber number ? number.region() : null;
    jdbc.sql("""
            INSERT INTO contact (id, subscriber_id, channel, address, region, push_p256dh,
                                 push_auth, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(contactId, subscriberId, address.channel().name(), address.address(), region,
            push == null ? null : push.p256dh(), push == null ? null : push.auth(),
            Timestamp.from(now))
        .update();
  }

  /** Locks the subscriber's row until the transaction ends; false if there is none. */
  boolean lock(UUID id) {
    return jdbc.sql("SELECT id FROM subscriber WHERE id = ? FOR UPDATE").param(id)
        .query(UUID.class).optional().isPresent();
  }

  /** Locks several subscribers in id order, the order every transaction locks them in. */
  List<UUID> lockAll(Collection<UUID> ids) {
    return jdbc.sql("SELECT id FROM subscriber WHERE id = ANY (?) ORDER BY id FOR UPDATE")
        .param(ids.toArray(UUID[]::new)).query(UUID.class).list();
  }

  /** Records a change: the revision grows by one. */
  void touch(UUID id, Instant now) {
    jdbc.sql("UPDATE subscriber SET revision = revision + 1, changed_at = ? WHERE id = ?")
        .params(Timestamp.from(now), id).update();
  }

  void setPublished(UUID id, boolean published) {
    jdbc.sql("UPDATE subscriber SET published = ? WHERE id = ?").params(published, id).update();
  }

  Optional<Subscriber> load(UUID id) {
    return jdbc.sql("SELECT * FROM subscriber WHERE id = ?").param(id)
        .query((rs, row) -> subscriber(rs, contacts(id), locations(id), zones(id)))
        .optional();
  }

  private List<Contact> contacts(UUID subscriberId) {
    return jdbc.sql("SELECT * FROM contact WHERE subscriber_id = ? ORDER BY created_at, id")
        .param(subscriberId).query((rs, row) -> contact(rs)).list();
  }

  private List<Location> locations(UUID subscriberId) {
    return jdbc.sql("SELECT label, latitude, longitude FROM location WHERE subscriber_id = ? "
            + "ORDER BY position")
        .param(subscriberId)
        .query((rs, row) -> new Location(rs.getString(1), rs.getDouble(2), rs.getDouble(3)))
        .list();
  }

  private List<FollowedZone> zones(UUID subscriberId) {
    return jdbc.sql("SELECT s.zone_id, z.valid_until FROM zone_subscription s "
            + "JOIN zone z ON z.zone_id = s.zone_id WHERE s.subscriber_id = ? ORDER BY s.zone_id")
        .param(subscriberId)
        .query((rs, row) -> new FollowedZone(rs.getString(1), instant(rs, "valid_until")))
        .list();
  }

  /** The contact and the subscriber it belongs to. */
  Optional<ContactOwner> findContact(UUID contactId) {
    return jdbc.sql("SELECT subscriber_id, verified_at FROM contact WHERE id = ?")
        .param(contactId)
        .query((rs, row) -> new ContactOwner((UUID) rs.getObject(1), contactId,
            rs.getTimestamp(2) != null))
        .optional();
  }

  /** The verified contact with this address, of whichever subscriber holds it. */
  Optional<ContactOwner> findVerified(Channel channel, String address) {
    return jdbc.sql("SELECT subscriber_id, id FROM contact "
            + "WHERE channel = ? AND address = ? AND verified_at IS NOT NULL")
        .params(channel.name(), address)
        .query((rs, row) -> new ContactOwner((UUID) rs.getObject(1), (UUID) rs.getObject(2),
            true))
        .optional();
  }

  Optional<Contact> contact(UUID contactId) {
    return jdbc.sql("SELECT * FROM contact WHERE id = ?").param(contactId)
        .query((rs, row) -> contact(rs)).optional();
  }

  void markVerified(UUID contactId, Instant now) {
    jdbc.sql("UPDATE contact SET verified_at = ? WHERE id = ?")
        .params(Timestamp.from(now), contactId).update();
  }

  void deleteContact(UUID contactId) {
    jdbc.sql("DELETE FROM contact WHERE id = ?").param(contactId).update();
  }

  /** Deletes the subscriber and, by cascade, everything that belongs to them. */
  boolean delete(UUID id) {
    return jdbc.sql("DELETE FROM subscriber WHERE id = ?").param(id).update() == 1;
  }

  Optional<UUID> subscriberOfToken(byte[] tokenHash) {
    return jdbc.sql("SELECT id FROM subscriber WHERE management_token_hash = ?")
        .param(tokenHash).query(UUID.class).optional();
  }

  void replaceToken(UUID id, byte[] tokenHash) {
    jdbc.sql("UPDATE subscriber SET management_token_hash = ? WHERE id = ?")
        .params(tokenHash, id).update();
  }

  List<UUID> followersOf(String zoneId) {
    return jdbc.sql("SELECT subscriber_id FROM zone_subscription WHERE zone_id = ? "
            + "ORDER BY subscriber_id")
        .param(zoneId).query(UUID.class).list();
  }

  void unfollowZone(String zoneId) {
    jdbc.sql("DELETE FROM zone_subscription WHERE zone_id = ?").param(zoneId).update();
  }

  /**
   * Deletes the subscribers unchanged since {@code before} who have no verified contact (so
   * nothing of them is published).
   */
  int deleteUnreachable(Instant before) {
    return jdbc.sql("""
            DELETE FROM subscriber s WHERE NOT s.published AND s.changed_at < ?
            AND NOT EXISTS (SELECT 1 FROM contact c
                            WHERE c.subscriber_id = s.id AND c.verified_at IS NOT NULL)""")
        .param(Timestamp.from(before)).update();
  }

  private static Subscriber subscriber(ResultSet rs, List<Contact> contacts,
                                       List<Location> locations, List<FollowedZone> zones)
      throws SQLException {
    return new Subscriber((UUID) rs.getObject("id"), rs.getLong("revision"),
        rs.getString("language"), contacts, locations, zones,
        enums(rs.getArray("declined_categories"), AlertCategory.class, AlertCategory::valueOf),
        enums(rs.getArray("accessibility"), AccessibilityNeed.class, AccessibilityNeed::valueOf),
        rs.getBoolean("published"), instant(rs, "created_at"), instant(rs, "changed_at"));
  }

  private static Contact contact(ResultSet rs) throws SQLException {
    String address = rs.getString("address");
    ContactAddress contactAddress = switch (Channel.valueOf(rs.getString("channel"))) {
      case SMS -> new MobileNumber(address, rs.getString("region"));
      case EMAIL -> new EmailAddress(address);
      case PUSH -> new PushSubscription(address, rs.getString("push_p256dh"),
          rs.getString("push_auth"));
    };
    return new Contact((UUID) rs.getObject("id"), contactAddress, instant(rs, "created_at"),
        instant(rs, "verified_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static <E extends Enum<E>> Set<E> enums(Array array, Class<E> type,
                                                  Function<String, E> parse)
      throws SQLException {
    Set<E> values = EnumSet.noneOf(type);
    Arrays.stream((String[]) array.getArray()).map(parse).forEach(values::add);
    return values;
  }

  private static String[] names(Set<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().toArray(String[]::new);
  }

  /** Whose a contact is. */
  record ContactOwner(UUID subscriberId, UUID contactId, boolean verified) {
  }
}
