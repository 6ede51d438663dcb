package org.tocsin.alertpage.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tocsin.events.topics.TopicNames;

/** Topic names ({@code tocsin.topics.*}, defaults in {@link TopicNames}). */
@ConfigurationProperties("tocsin")
public record TopicProperties(TopicNames topics) {

  public TopicProperties {
    topics = topics == null ? TopicNames.defaults() : topics;
  }
}
