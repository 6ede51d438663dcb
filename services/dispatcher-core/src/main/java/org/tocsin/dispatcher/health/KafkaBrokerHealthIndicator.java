package org.tocsin.dispatcher.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP while the Kafka cluster answers within {@code timeout}. Part of the readiness group. */
public final class KafkaBrokerHealthIndicator extends AbstractHealthIndicator
    implements DisposableBean {

  private final Admin admin;
  private final Duration timeout;

  public KafkaBrokerHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
    this.admin = Admin.create(adminConfig);
    this.timeout = timeout;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    int timeoutMillis = (int) timeout.toMillis();
    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis));
    int brokers = cluster.nodes().get(timeoutMillis, TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("clusterId",
            cluster.clusterId().get(timeoutMillis, TimeUnit.MILLISECONDS))
        .withDetail("brokers", brokers);
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(1));
  }
}
