package org.tocsin.testing.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Kafka brokers in this JVM: node 1 is also the KRaft controller and holds Kafka's own
 * topics (consumer offsets, transaction state), node 2 is a broker only. A test places a topic's
 * partitions on node 2 alone ({@link #onNode}) and stops that node: the topic becomes
 * unavailable (no leader, every write fails) while everything on node 1 stays writable, which
 * is how an outage of one topic is made on a real broker without a test double. Each node keeps
 * its port and data, so a stopped node can be started again.
 */
public final class InProcessKafkaCluster implements KafkaBroker {

  private static final Logger log = LoggerFactory.getLogger(InProcessKafkaCluster.class);

  private final Path dataDirectory;
  private final String clusterId = Uuid.randomUuid().toString();
  private final int[] ports = new int[3];
  private final int controllerPort;
  private final KafkaRaftServer[] servers = new KafkaRaftServer[3];

  private InProcessKafkaCluster(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    ports[1] = InProcessKafkaBroker.freePort(-1);
    ports[2] = InProcessKafkaBroker.freePort(ports[1]);
    int controller;
    do {
      controller = InProcessKafkaBroker.freePort(ports[2]);
    } while (controller == ports[1]);
    this.controllerPort = controller;
  }

  /**
   * Starts node 1, creates Kafka's own topics on it (so that no group or transaction coordinator
   * lives on node 2), then starts node 2.
   */
  public static InProcessKafkaCluster start() {
    try {
      InProcessKafkaCluster cluster =
          new InProcessKafkaCluster(Files.createTempDirectory("tocsin-kafka-cluster"));
      cluster.startNode(1);
      cluster.createInternalTopics();
      cluster.startNode(2);
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
  }

  /** The topic with every partition on node {@code node} alone (replication factor 1). */
  public static NewTopic onNode(String name, int partitions, int node,
                                Map<String, String> config) {
    Map<Integer, List<Integer>> assignment = new java.util.HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      assignment.put(partition, List.of(node));
    }
    return new NewTopic(name, assignment).configs(config);
  }

  /** Shuts node {@code node} down; what lives on it alone is unavailable until restarted. */
  public synchronized void stop(int node) {
    KafkaRaftServer server = servers[node];
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      servers[node] = null;
    }
  }

  /** Starts node {@code node} again, on the same port with the same data. */
  public synchronized void restart(int node) {
    if (servers[node] == null) {
      startNode(node);
    }
  }

  @Override
  public synchronized void close() {
    stop(2);
    stop(1);
    InProcessKafkaBroker.deleteRecursively(dataDirectory);
  }

  private synchronized void startNode(int node) {
    long started = System.nanoTime();
    Properties config = config(node);
    Path directory = dataDirectory.resolve("node-" + node);
    Path configFile = directory.resolve("server.properties");
    try {
      Files.createDirectories(directory);
      try (OutputStream out = Files.newOutputStream(configFile)) {
        config.store(out, "Tocsin in-process Kafka cluster, node " + node);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
      InProcessKafkaBroker.format(configFile, clusterId);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false),
        Time.SYSTEM);
    server.startup();
    servers[node] = server;
    log.info("Kafka node {} up at 127.0.0.1:{} in {} ms", node, ports[node],
        (System.nanoTime() - started) / 1_000_000);
  }

  private Properties config(int node) {
    Properties config = new Properties();
    config.put("node.id", String.valueOf(node));
    config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    if (node == 1) {
      config.put("process.roles", "broker,controller");
      config.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[1] + ",CONTROLLER://127.0.0.1:"
          + controllerPort);
    } else {
      config.put("process.roles", "broker");
      config.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[node]);
    }
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[node]);
    config.put("log.dirs", dataDirectory.resolve("node-" + node).resolve("logs").toString());
    config.put("num.partitions", "3");
    config.put("auto.create.topics.enable", "false");
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "5");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "5");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    return config;
  }

  /** A group commit and a transaction create the offsets and transaction topics, on node 1. */
  private void createInternalTopics() {
    String warmUp = "tocsin-cluster-warm-up";
    createTopics(List.of(new NewTopic(warmUp, 1, (short) 1)));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports[1],
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, warmUp + "-" + UUID.randomUUID()),
        new ByteArraySerializer(), new ByteArraySerializer());
         KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
             ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports[1],
             ConsumerConfig.GROUP_ID_CONFIG, warmUp),
             new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      producer.initTransactions();
      consumer.commitSync(Map.of(new TopicPartition(warmUp, 0), new OffsetAndMetadata(0)),
          Duration.ofSeconds(60));
    }
  }
}
