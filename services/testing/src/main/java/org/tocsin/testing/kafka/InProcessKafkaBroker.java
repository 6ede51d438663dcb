package org.tocsin.testing.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one) running inside this JVM from the
 * Kafka server jars. Its ports and data directory are fixed for its lifetime, so it can be
 * stopped and started again, which is how tests take the broker away and bring it back.
 */
public final class InProcessKafkaBroker implements KafkaBroker {

  private static final Logger log = LoggerFactory.getLogger(InProcessKafkaBroker.class);

  private final Path dataDirectory;
  private final boolean deleteOnClose;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> extraConfig;
  private final int secondPort;
  private final int secondAdvertisedPort;
  private KafkaRaftServer server;

  private InProcessKafkaBroker(Path dataDirectory, boolean deleteOnClose, int port,
                               Map<String, String> extraConfig, int secondPort,
                               int secondAdvertisedPort) {
    this.dataDirectory = dataDirectory;
    this.deleteOnClose = deleteOnClose;
    this.port = port == 0 ? freePort(-1) : port;
    this.controllerPort = freePort(this.port);
    this.extraConfig = Map.copyOf(extraConfig);
    this.secondPort = secondPort;
    this.secondAdvertisedPort = secondAdvertisedPort;
  }

  /** Starts a broker on free ports with a temporary data directory deleted on close. */
  public static InProcessKafkaBroker start() {
    try {
      return start(Files.createTempDirectory("tocsin-kafka"), true, 0, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a broker keeping its data in {@code dataDirectory}, formatted on first use and reused
   * afterwards. Port 0 picks a free port.
   */
  public static InProcessKafkaBroker start(Path dataDirectory, boolean deleteOnClose, int port,
                                           Map<String, String> extraConfig) {
    InProcessKafkaBroker broker =
        new InProcessKafkaBroker(dataDirectory, deleteOnClose, port, extraConfig, 0, 0);
    broker.startServer();
    return broker;
  }

  /**
   * Starts a broker with a second listener on {@code secondPort} that tells its clients to reach
   * it at {@code advertisedPort}: a {@link org.tocsin.testing.network.TcpProxy} there carries the
   * whole traffic of the clients that bootstrap through it, so that a test can cut their link
   * alone.
   */
  public static InProcessKafkaBroker startWithSecondListener(int secondPort, int advertisedPort) {
    try {
      InProcessKafkaBroker broker = new InProcessKafkaBroker(
          Files.createTempDirectory("tocsin-kafka"), true, 0, Map.of(), secondPort,
          advertisedPort);
      broker.startServer();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback port free now. */
  public static int freePort() {
    return freePort(-1);
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Starts the broker again after {@link #stop()}, on the same port with the same data. */
  public synchronized void restart() {
    if (server == null) {
      startServer();
    }
  }

  /** Shuts the broker down; clients see it as unreachable until {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteOnClose) {
      deleteRecursively(dataDirectory);
    }
  }

  private synchronized void startServer() {
    long started = System.nanoTime();
    Properties config = serverConfig();
    Path configFile = dataDirectory.resolve("server.properties");
    try {
      Files.createDirectories(dataDirectory);
      try (OutputStream out = Files.newOutputStream(configFile)) {
        config.store(out, "Tocsin in-process Kafka");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
      format(configFile, Uuid.randomUuid().toString());
    }
    KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config, false),
        Time.SYSTEM);
    raftServer.startup();
    server = raftServer;
    log.info("Kafka broker up at {} in {} ms (data in {})", bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000, dataDirectory);
  }

  /** Formats the log directories of the server configured in {@code configFile}. */
  static void format(Path configFile, String clusterId) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId,
          "--config", configFile.toString()}, print);
    }
    if (exitCode != 0) {
      throw new IllegalStateException("Cannot format Kafka storage for " + configFile + ": "
          + output.toString(StandardCharsets.UTF_8));
    }
  }

  private Properties serverConfig() {
    Properties config = new Properties();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    String second = secondPort == 0 ? "" : ",SECOND://127.0.0.1:" + secondPort;
    config.put("listeners",
        "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort + second);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port
        + (secondPort == 0 ? "" : ",SECOND://127.0.0.1:" + secondAdvertisedPort));
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
        + (secondPort == 0 ? "" : ",SECOND:PLAINTEXT"));
    config.put("log.dirs", dataDirectory.resolve("logs").toString());
    config.put("num.partitions", "3");
    // Topics are created by the services that own them, as in production.
    config.put("auto.create.topics.enable", "false");
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "5");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "5");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("log.cleaner.backoff.ms", "1000");
    config.putAll(extraConfig);
    return config;
  }

  /** A port free now and other than {@code taken}, which the system may have just handed out. */
  static int freePort(int taken) {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        socket.setReuseAddress(true);
        if (socket.getLocalPort() != taken) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("No free port other than " + taken);
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("Cannot delete {}", directory, e);
    }
  }
}
