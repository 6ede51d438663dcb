package org.tocsin.dispatcher.fanout;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.tocsin.events.v1.Channel;

/**
 * Task ids of alert deliveries: a name-based UUID of alert, version, subscriber and channel, so
 * that a fan-out done again produces the same ids, and a sender can name the task an earlier
 * version gave the same person.
 */
public final class TaskIds {

  private TaskIds() {
  }

  public static String forAlert(String alertId, int version, String subscriberId,
                                Channel channel) {
    String name = "tocsin-task/" + alertId.length() + ":" + alertId + "/" + version + "/"
        + subscriberId.length() + ":" + subscriberId + "/" + channel.name();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
