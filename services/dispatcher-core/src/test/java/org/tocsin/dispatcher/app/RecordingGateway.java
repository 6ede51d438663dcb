package org.tocsin.dispatcher.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.tocsin.dispatcher.sending.MessageGateway;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.events.v1.DeliveryTask;

/**
 * A provider account that accepts everything and remembers it; for chosen addresses it takes
 * the message and then answers as if the request had timed out (the provider has it, the
 * dispatcher does not know), or holds the call until released.
 */
public final class RecordingGateway implements MessageGateway {

  private final List<DeliveryTask> sent = new CopyOnWriteArrayList<>();
  private final Set<String> timingOut = ConcurrentHashMap.newKeySet();
  private final Set<String> holding = ConcurrentHashMap.newKeySet();
  private volatile CountDownLatch released = new CountDownLatch(1);

  @Override
  public String account() {
    return "recording";
  }

  @Override
  public SendLimits limits() {
    return new SendLimits(0, 16);
  }

  @Override
  public SendResult send(DeliveryTask task) {
    if (holding.contains(task.getRecipient())) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SendResult.TransientFailure("interrupted", "interrupted");
      }
    }
    sent.add(task);
    if (timingOut.contains(task.getRecipient())) {
      return new SendResult.TransientFailure("timeout", "no answer in time");
    }
    return new SendResult.Accepted("R" + sent.size());
  }

  /** Messages to this address are taken, and answered as if the request had timed out. */
  public void timeOutFor(String address) {
    timingOut.add(address);
  }

  /** Calls to this address wait until {@link #release()}. */
  public void hold(String address) {
    released = new CountDownLatch(1);
    holding.add(address);
  }

  public void release() {
    holding.clear();
    released.countDown();
  }

  public List<DeliveryTask> sent() {
    return List.copyOf(sent);
  }

  public List<DeliveryTask> sent(Predicate<DeliveryTask> which) {
    return sent.stream().filter(which).toList();
  }

  /** Waits until at least {@code count} messages matching {@code which} were taken. */
  public List<DeliveryTask> awaitSent(Predicate<DeliveryTask> which, int count,
                                      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sent(which).size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + sent(which).size() + " of " + count
            + " messages sent in " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return sent(which);
  }
}
