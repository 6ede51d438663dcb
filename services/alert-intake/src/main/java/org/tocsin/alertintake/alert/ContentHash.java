package org.tocsin.alertintake.alert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import org.tocsin.alertintake.area.AreaPolygon;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.events.v1.MessageType;

/**
 * The SHA-256 of everything a message sends: sender, message type, status, categories, event,
 * response types, urgency, severity, certainty, times, note, channels, every text of every
 * language (sender name included), the area description, every vertex of the resolved area,
 * every circle and the ids of the zones it touches. An approver sees it and gives it back; the
 * message is published only if it is still the hash of what would be sent, so nothing can
 * change between the approver's look and the release.
 *
 * <p>The encoding is canonical and unambiguous: every value is written with its length, a
 * missing value differently from an empty one, lists with their size.
 */
final class ContentHash {

  static final String PREFIX = "sha256:";

  private final MessageDigest digest;

  private ContentHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String of(String sender, MessageType msgType, AlertContent content, ResolvedArea area) {
    ContentHash hash = new ContentHash();
    hash.text("sender", sender);
    hash.text("msgType", msgType.name());
    hash.text("status", name(content.status()));
    hash.list("categories", content.categories(), (h, c) -> h.text(null, name(c)));
    hash.text("event", content.event());
    hash.list("responseTypes", content.responseTypes(), (h, r) -> h.text(null, name(r)));
    hash.text("urgency", name(content.urgency()));
    hash.text("severity", name(content.severity()));
    hash.text("certainty", name(content.certainty()));
    hash.text("effective", String.valueOf(content.effective()));
    hash.text("expires", String.valueOf(content.expires()));
    hash.text("note", content.note());
    hash.list("channels", content.channels(), (h, c) -> h.text(null, name(c)));
    hash.list("infos", content.infos(), (h, info) -> {
      h.text("language", info.language());
      h.text("senderName", info.senderName());
      h.text("headline", info.headline());
      h.text("description", info.description());
      h.text("instruction", info.instruction());
      h.text("smsText", info.smsText());
      h.text("web", info.web());
    });
    hash.text("area", area.description());
    hash.list("polygons", area.polygons(), ContentHash::polygon);
    hash.list("circles", area.circles(), ContentHash::circle);
    hash.list("zoneIds", area.zoneIds(), (h, id) -> h.text(null, id));
    return PREFIX + HexFormat.of().formatHex(hash.digest.digest());
  }

  private static void polygon(ContentHash hash, AreaPolygon polygon) {
    hash.ring(polygon.exterior());
    hash.list("holes", polygon.holes(), ContentHash::ring);
  }

  private static void circle(ContentHash hash, DrawnCircle circle) {
    position(hash, circle.centre());
    hash.number(circle.radiusMetres());
  }

  private void ring(List<LatLon> ring) {
    list("ring", ring, ContentHash::position);
  }

  private static void position(ContentHash hash, LatLon position) {
    hash.number(position.lat());
    hash.number(position.lon());
  }

  /** The exact value; -0.0 as 0.0, since the database keeps no negative zero. */
  private void number(double value) {
    double exact = value == 0.0 ? 0.0 : value;
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(Double.doubleToLongBits(exact))
        .array());
  }

  private <T> void list(String name, List<T> values, BiConsumer<ContentHash, T> each) {
    text(name, null);
    length(values.size());
    for (T value : values) {
      each.accept(this, value);
    }
  }

  /** A field: its name (if any), then its value, each with its length; null as length -1. */
  private void text(String name, String value) {
    if (name != null) {
      bytes(name.getBytes(StandardCharsets.UTF_8));
    }
    if (value == null) {
      length(-1);
    } else {
      bytes(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void bytes(byte[] bytes) {
    length(bytes.length);
    digest.update(bytes);
  }

  private void length(int length) {
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(length).array());
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
