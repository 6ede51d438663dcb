package org.tocsin.deliverytracker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tocsin.events.topics.TopicNames;

/**
 * The topics the tracker reads ({@code tocsin.topics.*}, defaults from {@link TopicNames}).
 */
@ConfigurationProperties("tocsin")
public record TrackerTopics(TopicNames topics) {

  public TrackerTopics {
    topics = topics == null ? TopicNames.defaults() : topics;
  }
}
