package org.tocsin.dispatcher.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.tocsin.events.v1.Channel;

/**
 * Task ids of alert deliveries: a name-based UUID of alert, version, subscriber and channel, so
 * that a fan-out done again produces the same ids, and a sender can name the task an earlier
 * version gave the same person.
 */
public final class TaskIds {

  /**
   * One MD5 digest per thread: {@link UUID#nameUUIDFromBytes} looks the algorithm up for every
   * call, which was a sixth of a fan-out's time for a million recipients.
   */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required algorithm of every Java platform", e);
    }
  });

  private TaskIds() {
  }

  public static String forAlert(String alertId, int version, String subscriberId,
                                Channel channel) {
    String name = "tocsin-task/" + alertId.length() + ":" + alertId + "/" + version + "/"
        + subscriberId.length() + ":" + subscriberId + "/" + channel.name();
    return nameBased(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The version 3 UUID of {@code name}, as {@link UUID#nameUUIDFromBytes} makes it. */
  private static UUID nameBased(byte[] name) {
    byte[] hash = MD5.get().digest(name);
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bits = ByteBuffer.wrap(hash);
    return new UUID(bits.getLong(), bits.getLong());
  }
}
