package org.tocsin.dispatcher.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tocsin.dispatcher.sending.MessageGateway;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.events.v1.DeliveryTask;

/** A provider account that accepts everything and remembers it. */
public final class RecordingGateway implements MessageGateway {

  private final List<DeliveryTask> sent = new CopyOnWriteArrayList<>();

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
    sent.add(task);
    return new SendResult.Accepted("R" + sent.size());
  }

  public List<DeliveryTask> sent() {
    return List.copyOf(sent);
  }
}
