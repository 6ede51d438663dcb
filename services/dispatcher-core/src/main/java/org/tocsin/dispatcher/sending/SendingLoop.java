package org.tocsin.dispatcher.sending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.status.StatusPublisher;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.TaskKind;

/**
 * Sends the tasks of one channel: reads both lanes, takes the high lane first, checks each task
 * (already done? expired? alert cancelled or superseded? subscriber erased? a cancel of an alert
 * this person never got?), paces provider calls per account, makes them on virtual threads,
 * retries transient failures with exponential backoff and jitter, parks tasks whose attempts ran
 * out on the dead-letter topic, and writes a {@link DeliveryStatus} for every task before its
 * offset may be committed.
 */
public final class SendingLoop implements SmartLifecycle, LaneConsumer.Host {

  private static final Logger log = LoggerFactory.getLogger(SendingLoop.class);
  private static final Duration DEFER = Duration.ofMillis(50);
  private static final Duration STATUS_RETRY = Duration.ofSeconds(1);

  private final ChannelGateways gateways;
  private final SubscriberDirectory directory;
  private final AlertStates alerts;
  private final SendLedger ledger;
  private final TopicFollower<DeliveryStatus> ledgerFollower;
  private final StatusPublisher statuses;
  private final DeadLetterPublishingRecoverer deadLetters;
  private final SendingSettings settings;
  private final CompletableFuture<?> ready;
  private final ProviderRouting routing;
  private final TaskQueue queue = new TaskQueue();
  private final Map<Lane, LaneConsumer> lanes = new EnumMap<>(Lane.class);
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Semaphore window;
  private final ExecutorService providerCalls = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("send-timer").daemon()
          .factory());
  private final MeterRegistry meters;
  private final Duration alertGrace;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Counter> accountCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter duplicates;
  private final Counter deadLettered;

  private volatile boolean running;
  private Thread dispatcher;

  public SendingLoop(ChannelGateways gateways, SubscriberDirectory directory, AlertStates alerts,
                     SendLedger ledger, TopicFollower<DeliveryStatus> ledgerFollower,
                     StatusPublisher statuses, KafkaOperations<String, SpecificRecord> kafka,
                     Topics topics, Map<String, Object> consumerConfig, String groupIdPrefix,
                     SendingSettings settings, CompletableFuture<?> ready, MeterRegistry meters,
                     Duration alertGrace) {
    this.gateways = gateways;
    this.directory = directory;
    this.alerts = alerts;
    this.ledger = ledger;
    this.ledgerFollower = ledgerFollower;
    this.statuses = statuses;
    this.settings = settings;
    this.ready = ready;
    this.meters = meters;
    this.alertGrace = alertGrace;
    this.routing = new ProviderRouting(gateways, settings.breaker());
    this.window = new Semaphore(settings.inFlightWindow());
    String deadLetterTopic = topics.deadLetters(gateways.channel()).name();
    this.deadLetters = new DeadLetterPublishingRecoverer(kafka,
        (record, exception) -> new TopicPartition(deadLetterTopic, -1));
    for (Lane lane : Lane.values()) {
      Map<String, Object> config = new HashMap<>(consumerConfig);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupIdPrefix + "-" + lane.name().toLowerCase());
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
          Math.max(1, Math.min(1000, settings.maxUnfinishedPerLane() / 2)));
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupIdPrefix + "-" + lane.name().toLowerCase());
      Object instance = consumerConfig.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
      if (instance != null) {
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            instance + "-" + lane.name().toLowerCase());
      }
      lanes.put(lane, new LaneConsumer(lane, laneTopics(topics, lane), config, this));
    }
    String channel = gateways.channel().name();
    this.duplicates = Counter.builder("tocsin.dispatcher.duplicates.skipped")
        .description("Tasks read again (after a restart or a redone fan-out) that had ended")
        .tag("channel", channel).register(meters);
    this.deadLettered = Counter.builder("tocsin.dispatcher.dead.letters")
        .description("Tasks parked on the dead-letter topic after their last attempt")
        .tag("channel", channel).register(meters);
    for (Lane lane : Lane.values()) {
      Gauge.builder("tocsin.dispatcher.lag", lanes.get(lane), LaneConsumer::lag)
          .description("Tasks waiting in the lane's topic, not read yet")
          .tags("channel", channel, "lane", lane.name().toLowerCase()).register(meters);
      Gauge.builder("tocsin.dispatcher.unfinished", lanes.get(lane), LaneConsumer::unfinished)
          .description("Tasks read from the lane and not finished")
          .tags("channel", channel, "lane", lane.name().toLowerCase()).register(meters);
    }
    Gauge.builder("tocsin.dispatcher.in.flight", window,
            w -> settings.inFlightWindow() - w.availablePermits())
        .description("Tasks between their provider call and their stored status")
        .tag("channel", channel).register(meters);
    Gauge.builder("tocsin.dispatcher.provider.primary", routing, r -> r.primaryInUse() ? 1 : 0)
        .description("1 while traffic goes to the primary provider account")
        .tag("channel", channel).register(meters);
    registerRate(routing.primary());
    if (routing.secondary() != null) {
      registerRate(routing.secondary());
    }
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

  private void registerRate(ProviderRouting.Route route) {
    Gauge.builder("tocsin.dispatcher.send.rate.limit", route.throttle(),
            AccountThrottle::currentRate)
        .description("Messages per second currently allowed (0: unlimited)")
        .tags("channel", gateways.channel().name(), "account", route.gateway().account())
        .register(meters);
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
    timer.shutdownNow();
    providerCalls.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the lane consumers' followers and the web server, before Kafka clients. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  public boolean isSending() {
    return dispatcher != null;
  }

  private void forgetEndedAlerts() {
    Instant now = Instant.now();
    ledger.forget(alertId -> !alerts.inForce(alertId, now, alertGrace), now);
    alerts.forgetEnded(now, alertGrace);
  }

  // ---- LaneConsumer.Host -----------------------------------------------------------------

  @Override
  public boolean holds(Lane lane) {
    LaneConsumer consumer = lanes.get(lane);
    if (consumer.unfinished() >= settings.maxUnfinishedPerLane()) {
      return true;
    }
    if (lane == Lane.NORMAL) {
      LaneConsumer high = lanes.get(Lane.HIGH);
      return high.unfinished() > 0 || high.lag() > 0;
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
        handle(item);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("Unexpected failure handling task {}; trying it again in 1 s",
            item.task.getTaskId(), e);
        later(item, Duration.ofSeconds(1));
      }
    }
  }

  private void handle(WorkItem item) throws InterruptedException {
    DeliveryTask task = item.task;
    if (item.progress.revoked()) {
      return;
    }
    if (ledger.done(task.getAlertId(), task.getTaskId())) {
      duplicates.increment();
      finish(item);
      return;
    }
    if (inFlight.contains(task.getTaskId())) {
      later(item, DEFER);
      return;
    }
    if (!task.getExpires().isAfter(Instant.now())) {
      end(item, DeliveryOutcome.EXPIRED, "expired at " + task.getExpires());
      return;
    }
    if (task.getKind() == TaskKind.ALERT) {
      if (endedWithoutSending(item)) {
        return;
      }
    }
    send(item);
  }

  /** The checks of an alert task that can end it without a provider call. */
  private boolean endedWithoutSending(WorkItem item) {
    DeliveryTask task = item.task;
    switch (alerts.verdict(task.getAlertId(), task.getAlertVersion())) {
      case AlertStates.Verdict.Cancelled cancelled -> {
        end(item, DeliveryOutcome.CANCELLED,
            "alert cancelled by version " + cancelled.byVersion());
        return true;
      }
      case AlertStates.Verdict.Superseded superseded -> {
        end(item, DeliveryOutcome.SKIPPED,
            "superseded by version " + superseded.byVersion());
        return true;
      }
      case AlertStates.Verdict.Current current -> {
      }
    }
    if (!directory.reaches(task.getSubscriberId(), task.getRecipient())) {
      end(item, DeliveryOutcome.SKIPPED, "subscriber erased or contact changed");
      return true;
    }
    if (task.getMsgType() == MessageType.CANCEL) {
      boolean reached = false;
      for (int version = 1; version < task.getAlertVersion(); version++) {
        String earlier = TaskIds.forAlert(task.getAlertId(), version, task.getSubscriberId(),
            task.getChannel());
        if (inFlight.contains(earlier)) {
          later(item, DEFER);
          return true;
        }
        reached |= ledger.reached(task.getAlertId(), earlier);
      }
      if (!reached) {
        end(item, DeliveryOutcome.SKIPPED, "never reached by the alert it cancels");
        return true;
      }
    }
    return false;
  }

  private void send(WorkItem item) throws InterruptedException {
    window.acquire();
    ProviderRouting.Route route = routing.choose();
    try {
      route.throttle().acquire();
    } catch (InterruptedException e) {
      routing.unused(route);
      window.release();
      throw e;
    }
    inFlight.add(item.task.getTaskId());
    item.progress.dispatched();
    item.attempts++;
    providerCalls.execute(() -> call(item, route));
  }

  private void call(WorkItem item, ProviderRouting.Route route) {
    long started = System.nanoTime();
    SendResult result;
    try {
      result = route.gateway().send(item.task);
    } catch (RuntimeException e) {
      log.warn("Provider account {} failed unexpectedly", route.gateway().account(), e);
      result = new SendResult.TransientFailure("exception", e.getClass().getSimpleName());
    } finally {
      route.throttle().release();
    }
    long nanos = System.nanoTime() - started;
    routing.record(route, result, nanos);
    String account = route.gateway().account();
    String resultName = result.getClass().getSimpleName();
    timers.computeIfAbsent(account + "/" + resultName,
        key -> Timer.builder("tocsin.dispatcher.provider.calls")
            .description("Provider calls by account and result")
            .tags("channel", gateways.channel().name(), "account", account, "result", resultName)
            .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
    DeliveryTask task = item.task;
    switch (result) {
      case SendResult.Accepted accepted -> store(item, StatusPublisher.of(task, DeliveryOutcome.SENT)
          .setAttempt(item.attempts).setProvider(account)
          .setProviderMessageId(accepted.providerMessageId()).build());
      case SendResult.PermanentFailure refused -> store(item,
          StatusPublisher.of(task, DeliveryOutcome.FAILED).setAttempt(item.attempts)
              .setProvider(account).setErrorCode(refused.errorCode())
              .setReason(refused.reason()).build());
      case SendResult.RateLimited limited -> {
        counter("tocsin.dispatcher.rate.limited", account).increment();
        item.attempts--;
        release(item);
        if (limited.retryAfter().isZero()) {
          route.throttle().rateLimited();
          queue.add(item);
        } else {
          later(item, heldUntilAtMostExpiry(task, limited.retryAfter()));
        }
      }
      case SendResult.TransientFailure failure -> retryOrGiveUp(item, account, failure);
    }
  }

  private void retryOrGiveUp(WorkItem item, String account, SendResult.TransientFailure failure) {
    DeliveryTask task = item.task;
    if (item.attempts < settings.maxAttempts()) {
      counter("tocsin.dispatcher.retries", account).increment();
      statuses.publish(StatusPublisher.of(task, DeliveryOutcome.RETRYING)
          .setAttempt(item.attempts).setProvider(account).setErrorCode(failure.errorCode())
          .setReason(failure.reason()).build());
      release(item);
      later(item, backoff(item));
      return;
    }
    try {
      deadLetters.accept(new ConsumerRecord<>(item.progress.partition().topic(),
              item.progress.partition().partition(), item.offset, task.getRecipient(), task),
          new DeliveryFailedException(failure.errorCode(), failure.reason()));
      deadLettered.increment();
    } catch (RuntimeException e) {
      log.error("Cannot park task {} on the dead-letter topic; trying again later",
          task.getTaskId(), e);
      release(item);
      later(item, STATUS_RETRY);
      return;
    }
    store(item, StatusPublisher.of(task, DeliveryOutcome.FAILED).setAttempt(item.attempts)
        .setProvider(account).setErrorCode(failure.errorCode())
        .setReason("dead-lettered after " + item.attempts + " attempts: " + failure.reason())
        .build());
  }

  /** Writes the final status of a task sent to a provider, then lets its offset go. */
  private void store(WorkItem item, DeliveryStatus status) {
    statuses.publish(status).whenComplete((sent, error) -> {
      if (error != null) {
        log.warn("Cannot store the status of task {} yet; trying again: {}",
            status.getTaskId(), error.toString());
        timer.schedule(() -> store(item, status), STATUS_RETRY.toMillis(),
            TimeUnit.MILLISECONDS);
        return;
      }
      ledger.record(status);
      count(item, status.getOutcome());
      release(item);
      finish(item);
    });
  }

  /** Ends a task without a provider call. */
  private void end(WorkItem item, DeliveryOutcome outcome, String reason) {
    DeliveryStatus status = StatusPublisher.of(item.task, outcome).setAttempt(item.attempts)
        .setReason(reason).build();
    item.progress.dispatched();
    inFlight.add(item.task.getTaskId());
    window.acquireUninterruptibly();
    store(item, status);
  }

  private void release(WorkItem item) {
    inFlight.remove(item.task.getTaskId());
    item.progress.returned();
    window.release();
  }

  private void finish(WorkItem item) {
    item.progress.finished(item.offset);
  }

  private void later(WorkItem item, Duration delay) {
    timer.schedule(() -> {
      if (!item.progress.revoked()) {
        queue.add(item);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A wait the provider asked for, but no longer than the task has to live. */
  private static Duration heldUntilAtMostExpiry(DeliveryTask task, Duration wait) {
    Duration left = Duration.between(Instant.now(), task.getExpires()).plusMillis(1);
    return left.compareTo(wait) < 0 ? left.isNegative() ? Duration.ZERO : left : wait;
  }

  private Duration backoff(WorkItem item) {
    if (item.backOff == null) {
      ExponentialBackOff policy = new ExponentialBackOff(
          settings.firstRetryDelay().toMillis(), 2.0);
      policy.setMaxInterval(settings.maxRetryDelay().toMillis());
      policy.setJitter(settings.firstRetryDelay().toMillis() / 5);
      item.backOff = policy.start();
    }
    return Duration.ofMillis(Math.max(1, item.backOff.nextBackOff()));
  }

  private void count(WorkItem item, DeliveryOutcome outcome) {
    String key = item.lane + "/" + outcome;
    outcomes.computeIfAbsent(key, k -> Counter.builder("tocsin.dispatcher.tasks")
        .description("Tasks ended, by lane and outcome")
        .tags("channel", gateways.channel().name(), "lane", item.lane.name().toLowerCase(),
            "outcome", outcome.name().toLowerCase())
        .register(meters)).increment();
  }

  private Counter counter(String name, String account) {
    return accountCounters.computeIfAbsent(name + "/" + account, key -> Counter.builder(name)
        .tags("channel", gateways.channel().name(), "account", account).register(meters));
  }
}
