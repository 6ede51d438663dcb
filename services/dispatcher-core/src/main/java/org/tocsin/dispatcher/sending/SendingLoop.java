package org.tocsin.dispatcher.sending;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.TaskWriter;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.rules.SendDecision;
import org.tocsin.dispatcher.rules.SendRules;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.kafka.worker.Recovery;
import org.tocsin.kafka.worker.WorkerStatus;

/**
 * Sends the tasks of one channel: reads both lanes (the normal one pauses while the high one
 * has anything to do), takes the high lane first, lets the {@link SendRules} decide each task,
 * has the {@link ProviderCalls} make the calls and the {@link TaskEnds} end the tasks. Its own
 * thread only takes tasks from the queue and decides; nothing here waits for the
 * delivery-status topic.
 */
public final class SendingLoop implements SmartLifecycle, LaneConsumer.Host {

  private static final Logger log = LoggerFactory.getLogger(SendingLoop.class);
  private static final Duration DEFER = Duration.ofMillis(50);
  private static final Duration UNEXPECTED_RETRY = Duration.ofSeconds(1);
  /** Unexpected failures of one task after which it goes to the quarantine. */
  private static final int UNPROCESSABLE_AFTER = 3;

  private final ChannelGateways gateways;
  private final SendRules rules;
  private final AlertStates alerts;
  private final SendLedger ledger;
  private final TopicFollower<?> ledgerFollower;
  private final SendingSettings settings;
  private final CompletableFuture<?> ready;
  private final Duration alertGrace;
  private final ProviderRouting routing;
  private final TaskQueue queue = new TaskQueue();
  private final Map<Lane, LaneConsumer> lanes = new EnumMap<>(Lane.class);
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final AttemptingCopies copies = new AttemptingCopies();
  private final CorrectionCheck corrections;
  private final TaskEnds ends;
  private final ProviderCalls calls;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("send-timer").daemon()
          .factory());

  private volatile boolean running;
  private Thread dispatcher;

  /**
   * @param alertsRead waits until this instance has read every alert event committed so far
   * @param ready completes when sending may start (directory, alerts and ledger read, instance
   *     id held)
   */
  public SendingLoop(ChannelGateways gateways, SubscriberDirectory directory, AlertStates alerts,
                     SendLedger ledger, TopicFollower<?> ledgerFollower, StatusOutbox outbox,
                     TaskWriter taskWriter, Runnable alertsRead,
                     KafkaOperations<String, SpecificRecord> kafka, Topics topics,
                     Map<String, Object> consumerConfig, String groupIdPrefix,
                     SendingSettings settings, CompletableFuture<?> ready, MeterRegistry meters,
                     Duration alertGrace, Recovery recovery) {
    this.gateways = gateways;
    this.rules = new SendRules(ledger, alerts, directory);
    this.alerts = alerts;
    this.ledger = ledger;
    this.ledgerFollower = ledgerFollower;
    this.settings = settings;
    this.ready = ready;
    this.alertGrace = alertGrace;
    this.routing = new ProviderRouting(gateways, settings.breaker());
    Semaphore window = new Semaphore(settings.inFlightWindow());
    SendMetrics metrics = new SendMetrics(gateways.channel(), meters);
    this.corrections = new CorrectionCheck(gateways.channel(), alerts, ledger, directory,
        taskWriter, alertsRead::run);
    this.ends = new TaskEnds(ledger, outbox, corrections, metrics, window, inFlight, copies);
    String deadLetterTopic = topics.deadLetters(gateways.channel()).name();
    DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
        (record, exception) -> new TopicPartition(deadLetterTopic, -1));
    this.calls = new ProviderCalls(routing, settings, ends, metrics, deadLetters, window,
        inFlight, this::later);
    for (Lane lane : Lane.values()) {
      String name = groupIdPrefix + "-" + lane.name().toLowerCase();
      Map<String, Object> config = new HashMap<>(consumerConfig);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, name);
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
          Math.max(1, Math.min(1000, settings.maxUnfinishedPerLane() / 2)));
      Object instance = consumerConfig.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
      if (instance != null) {
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            instance + "-" + lane.name().toLowerCase());
      }
      lanes.put(lane, new LaneConsumer(lane, laneTopics(topics, lane), config, this, recovery));
    }
    metrics.watch(lanes, window, settings.inFlightWindow(), routing, outbox);
  }

  /**
   * A lane's task topics: the normal lane also reads the channel's verification messages,
   * which have a topic of their own so that Kafka keeps their codes only briefly.
   */
  private List<Topic<String, DeliveryTask>> laneTopics(Topics topics, Lane lane) {
    Topic<String, DeliveryTask> tasks = topics.deliveries(gateways.channel(), lane);
    return lane == Lane.NORMAL
        ? List.of(tasks, topics.verifications(gateways.channel()))
        : List.of(tasks);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  @Override
  public synchronized void start() {
    running = true;
    timer.scheduleAtFixedRate(routing::tick, 100, 100, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(this::forgetEndedAlerts, 1, 1, TimeUnit.MINUTES);
    ready.thenRun(this::startSending);
  }

  private synchronized void startSending() {
    if (!running || dispatcher != null) {
      return;
    }
    corrections.start();
    dispatcher = Thread.ofPlatform().name("send-dispatcher").daemon().start(this::dispatch);
    lanes.values().forEach(LaneConsumer::start);
    log.info("Sending {} tasks through {}{}", gateways.channel(), gateways.primary().account(),
        gateways.secondary() == null ? "" : " (failover: " + gateways.secondary().account() + ")");
  }

  @Override
  public synchronized void stop() {
    running = false;
    lanes.values().forEach(LaneConsumer::stop);
    if (dispatcher != null) {
      dispatcher.interrupt();
      try {
        dispatcher.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      dispatcher = null;
    }
    corrections.stop();
    timer.shutdownNow();
    calls.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the web server, before the status outbox, the followers and Kafka clients. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  public boolean isSending() {
    return dispatcher != null;
  }

  /** The lane consumers, for health. */
  public List<WorkerStatus> workers() {
    return List.copyOf(lanes.values());
  }

  private void forgetEndedAlerts() {
    Instant now = Instant.now();
    ledger.forget(alertId -> !alerts.inForce(alertId, now, alertGrace), now);
    alerts.forgetEnded(now, alertGrace);
    copies.forgetGivenUp();
  }

  // ---- LaneConsumer.Host -----------------------------------------------------------------

  @Override
  public boolean holds(Lane lane) {
    LaneConsumer consumer = lanes.get(lane);
    if (consumer.unsent() >= settings.maxUnfinishedPerLane()) {
      return true;
    }
    if (lane == Lane.NORMAL) {
      LaneConsumer high = lanes.get(Lane.HIGH);
      return high.unsent() > 0 || high.lag() > 0;
    }
    return false;
  }

  @Override
  public void awaitLedger() {
    try {
      ledgerFollower.awaitEverythingCommittedNow(Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | RuntimeException e) {
      log.warn("The send ledger could not catch up before taking partitions over; tasks "
          + "that ended elsewhere may be sent again: {}", e.toString());
    }
  }

  @Override
  public void accept(List<WorkItem> items) {
    queue.addAll(items);
  }

  @Override
  public void dropQueued(Collection<PartitionProgress> revoked) {
    queue.removeIf(item -> revoked.contains(item.progress));
  }

  // ---- dispatching -------------------------------------------------------------------------

  private void dispatch() {
    while (running) {
      WorkItem item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (!item.progress.revoked()) {
          handle(item);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (++item.unexpectedFailures < UNPROCESSABLE_AFTER) {
          log.error("Unexpected failure handling task {}; trying it again in {}",
              item.task.getTaskId(), UNEXPECTED_RETRY, e);
          later(item, UNEXPECTED_RETRY);
        } else if (lanes.get(item.lane).quarantine(item, e)) {
          copies.done(item);
        } else {
          later(item, UNEXPECTED_RETRY);
        }
      }
    }
  }

  private void handle(WorkItem item) throws InterruptedException {
    switch (rules.decide(item.task, Instant.now(), taskId -> inFlight.contains(taskId)
        || taskId.equals(item.task.getTaskId()) && copies.anotherCopyAttempts(item))) {
      case SendDecision.Send send -> {
        copies.attempting(item);
        calls.send(item);
      }
      case SendDecision.AlreadyFinished finished -> ends.alreadyFinished(item);
      case SendDecision.Wait wait -> later(item, DEFER);
      case SendDecision.End end -> ends.end(item, end.outcome(), end.reason());
    }
  }

  /** Puts a task back on the queue after {@code delay}, unless its partition was given up. */
  private void later(WorkItem item, Duration delay) {
    if (delay.isZero()) {
      queue.add(item);
      return;
    }
    timer.schedule(() -> {
      if (!item.progress.revoked()) {
        queue.add(item);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }
}
