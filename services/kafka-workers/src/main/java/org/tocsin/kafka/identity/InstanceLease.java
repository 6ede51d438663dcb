package org.tocsin.kafka.identity;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tocsin.kafka.worker.PollingWorker;
import org.tocsin.kafka.worker.RestartBackOff;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.kafka.worker.WorkerStatus;

/**
 * Makes sure that one live process at a time uses an instance id, before that process touches
 * anything Kafka fences by it (transactional ids, static group member ids): Kafka's own fencing
 * lets the newer process win, which is wrong when the older one is alive and working.
 *
 * <p>The lease is the one partition of the instance-leases topic, as assigned by Kafka's group
 * coordinator in a consumer group of this instance id's own. Every process with the id joins the
 * group; the coordinator assigns the partition to one member and, with the cooperative sticky
 * assignor, leaves it there while that member lives. A member that stops leaves the group (the
 * partition moves at once); one that dies, or loses the broker, is dropped after the session
 * timeout (the lease's timeout). A process that is not assigned the partition waits, says which
 * process holds the id, and takes over when the partition comes to it.
 *
 * <p>Two processes starting at the same moment: the coordinator orders their joins into
 * generations, and in each generation assigns the partition to at most one member; under the
 * cooperative protocol a partition only moves to a new member in a generation after its owner
 * gave it up. So two processes never hold the lease in the same generation. The one case of two
 * processes each believing they hold it is a holder cut off from the broker past its session
 * timeout that has not noticed yet; Kafka's fencing of its transactional ids and static member
 * ids by the new holder covers that window.
 */
public final class InstanceLease implements WorkerStatus, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InstanceLease.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration DESCRIBE_EVERY = Duration.ofSeconds(5);

  private final String instanceId;
  private final String topic;
  private final TopicPartition lease;
  private final Map<String, Object> consumerConfig;
  private final Map<String, Object> adminConfig;
  private final Duration sessionTimeout;
  private final String groupId;
  private final String clientId;
  private final PollingWorker worker;
  private final CompletableFuture<Void> acquired = new CompletableFuture<>();
  private volatile boolean held;

  /**
   * @param consumerConfig a consumer's settings (bootstrap servers, security, timeouts)
   * @param groupId the lease's consumer group, one per application and instance id
   * @param clientId names this process to the others (in the group's member list)
   * @param sessionTimeout how long after its holder died the lease passes to another process
   */
  public InstanceLease(String instanceId, String topic, String groupId, String clientId,
                       Map<String, Object> consumerConfig, Map<String, Object> adminConfig,
                       Duration sessionTimeout, RestartBackOff backOff) {
    this.instanceId = instanceId;
    this.topic = topic;
    this.lease = new TopicPartition(topic, 0);
    this.groupId = groupId;
    this.clientId = clientId;
    this.sessionTimeout = sessionTimeout;
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        List.of(CooperativeStickyAssignor.class));
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.max(100, sessionTimeout.toMillis() / 5));
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) Math.max(30_000, 3 * sessionTimeout.toMillis()));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig = Map.copyOf(config);
    this.adminConfig = Map.copyOf(adminConfig);
    this.worker = new PollingWorker("lease-" + instanceId, backOff, this::hold);
  }

  public String instanceId() {
    return instanceId;
  }

  public Duration sessionTimeout() {
    return sessionTimeout;
  }

  /** Completes when this process first holds the lease. */
  public CompletableFuture<Void> acquired() {
    return acquired;
  }

  public boolean held() {
    return held;
  }

  @Override
  public void start() {
    worker.start();
  }

  /** Leaves the group, which hands the lease to a waiting process at once. */
  @Override
  public void stop() {
    worker.stop(Duration.ofSeconds(10));
    held = false;
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }

  /** Starts before, and stops after, everything that uses the instance id. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }

  @Override
  public String workerName() {
    return worker.workerName();
  }

  @Override
  public WorkerState state() {
    return worker.state();
  }

  private void hold(PollingWorker.Control control) throws Exception {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
         Admin admin = Admin.create(adminConfig)) {
      control.onStop(consumer::wakeup);
      awaitSinglePartition(consumer, control);
      control.waiting("joining the lease group of instance id " + instanceId);
      consumer.subscribe(List.of(topic), new Listener(control));
      long nextDescribe = 0;
      while (control.running()) {
        consumer.poll(POLL);
        if (!held && System.nanoTime() > nextDescribe) {
          control.waiting(whoHolds(admin));
          nextDescribe = System.nanoTime() + DESCRIBE_EVERY.toNanos();
        }
      }
    } finally {
      held = false;
    }
  }

  private void awaitSinglePartition(KafkaConsumer<byte[], byte[]> consumer,
                                    PollingWorker.Control control) throws InterruptedException {
    while (control.running()) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic);
      if (partitions != null && partitions.size() == 1) {
        return;
      }
      if (partitions != null && partitions.size() > 1) {
        throw new IllegalStateException("The instance-leases topic " + topic + " has "
            + partitions.size() + " partitions: it must have exactly one");
      }
      control.waiting("the instance-leases topic " + topic + " does not exist yet");
      Thread.sleep(1000);
    }
  }

  /** Why this process waits: which process holds the id, as the group coordinator sees it. */
  private String whoHolds(Admin admin) {
    String holder = null;
    try {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all()
          .get(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS).get(groupId);
      for (MemberDescription member : group.members()) {
        if (member.assignment().topicPartitions().contains(lease)
            && !member.clientId().equals(clientId)) {
          holder = member.clientId() + " on " + member.host();
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.debug("Cannot describe the lease group {}", groupId, e);
    }
    if (holder == null) {
      return "waiting for the group coordinator to assign the lease of instance id "
          + instanceId;
    }
    String reason = "instance id " + instanceId + " is held by a live process (" + holder
        + "); this one takes over when that one stops, or " + sessionTimeout.toSeconds()
        + " s after it died";
    if (!(worker.state() instanceof WorkerState.Waiting waiting)
        || !waiting.reason().equals(reason)) {
      log.warn("Not ready: {}", reason);
    }
    return reason;
  }

  private final class Listener implements ConsumerRebalanceListener {

    private final PollingWorker.Control control;

    Listener(PollingWorker.Control control) {
      this.control = control;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.contains(lease)) {
        held = true;
        control.working();
        log.info("This process holds instance id {} (lease group {})", instanceId, groupId);
        acquired.complete(null);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.contains(lease) && control.running()) {
        lost("handed to another member");
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (partitions.contains(lease)) {
        lost("this process's session with the group coordinator expired");
      }
    }

    private void lost(String why) {
      held = false;
      String reason = "lost the lease of instance id " + instanceId + ": " + why
          + "; another process with this id may be working now";
      log.error(reason);
      control.waiting(reason);
    }
  }
}
