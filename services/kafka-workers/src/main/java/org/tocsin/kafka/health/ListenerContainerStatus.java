package org.tocsin.kafka.health;

import java.time.Instant;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.kafka.worker.WorkerStatus;

/**
 * The state of a Spring Kafka listener container as a {@link WorkerStatus}: failed when it is
 * not in the state it was asked to be in (a consumer stopped by a fence or a fatal error), with
 * the reason Spring Kafka gave.
 */
public final class ListenerContainerStatus
    implements WorkerStatus, ApplicationListener<ConsumerStoppedEvent> {

  private final String name;
  private final MessageListenerContainer container;
  private volatile ConsumerStoppedEvent.Reason stopReason;
  private volatile Instant stoppedAt;
  private volatile Instant runningSince;

  public ListenerContainerStatus(String name, MessageListenerContainer container) {
    this.name = name;
    this.container = container;
  }

  @Override
  public String workerName() {
    return name;
  }

  @Override
  public WorkerState state() {
    if (!container.isInExpectedState()) {
      ConsumerStoppedEvent.Reason reason = stopReason;
      Instant at = stoppedAt != null ? stoppedAt : Instant.now();
      if (reason == ConsumerStoppedEvent.Reason.FENCED) {
        return new WorkerState.Fenced("its producer or consumer was fenced", at);
      }
      return new WorkerState.Failed("its consumer stopped: "
          + (reason == null ? "unknown reason" : reason.name()), at);
    }
    if (container.isRunning()) {
      if (runningSince == null) {
        runningSince = Instant.now();
      }
      return new WorkerState.Running(runningSince);
    }
    runningSince = null;
    return new WorkerState.NotStarted();
  }

  @Override
  public void onApplicationEvent(ConsumerStoppedEvent event) {
    if (event.getContainer(MessageListenerContainer.class) == container) {
      stopReason = event.getReason();
      stoppedAt = Instant.now();
    }
  }
}
