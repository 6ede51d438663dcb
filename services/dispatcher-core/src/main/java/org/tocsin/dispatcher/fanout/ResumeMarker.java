package org.tocsin.dispatcher.fanout;

import java.util.Optional;

/**
 * Where a fan-out committed in chunks got to: stored as the metadata of the alert's consumer
 * offset, committed in the same Kafka transaction as each chunk (the offset itself stays on the
 * alert until the last chunk). After a crash the alert is read again and the fan-out resumes
 * after the last recipient committed.
 */
final class ResumeMarker {

  private static final String PREFIX = "tocsin-fanout/1/";

  private ResumeMarker() {
  }

  static String of(String alertId, int version, String lastSubscriberId) {
    return prefix(alertId, version) + lastSubscriberId;
  }

  /** The last subscriber committed, if this metadata is a marker of this alert version. */
  static Optional<String> lastSubscriber(String metadata, String alertId, int version) {
    String prefix = prefix(alertId, version);
    if (metadata == null || !metadata.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(metadata.substring(prefix.length()));
  }

  private static String prefix(String alertId, int version) {
    return PREFIX + alertId.length() + ":" + alertId + "/" + version + "/";
  }
}
