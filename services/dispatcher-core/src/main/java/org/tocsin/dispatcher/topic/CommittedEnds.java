package org.tocsin.dispatcher.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;

/**
 * Where the committed records of a topic end now, as a {@code read_committed} reader sees them,
 * through one long-lived admin client: how a worker asks, many times a second if it must,
 * whether its follower has read everything written so far.
 */
public final class CommittedEnds implements DisposableBean {

  private final Admin admin;
  private final Duration timeout;

  public CommittedEnds(Map<String, Object> adminConfig, Duration timeout) {
    this.admin = Admin.create(adminConfig);
    this.timeout = timeout;
  }

  public Map<TopicPartition, Long> of(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      query.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(query,
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)
                .timeoutMs((int) timeout.toMillis()))
        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    ends.forEach((partition, end) -> offsets.put(partition, end.offset()));
    return offsets;
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(1));
  }
}
