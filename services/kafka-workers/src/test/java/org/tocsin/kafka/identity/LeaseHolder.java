package org.tocsin.kafka.identity;

import java.time.Duration;
import org.tocsin.kafka.KafkaTestSupport;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.worker.RestartBackOff;

/**
 * Another process holding an instance id: args are the bootstrap servers, the lease topic, the
 * instance id, the group and the session timeout in ms. Prints "held" once it holds the lease.
 */
public final class LeaseHolder {

  public static void main(String[] args) throws Exception {
    KafkaClientDefaults clients = KafkaTestSupport.clients(args[0]);
    InstanceLease lease = new InstanceLease(args[2], args[1], args[3],
        "lease-holder-" + ProcessHandle.current().pid(), clients.consumer("lease"),
        clients.admin("lease"), Duration.ofMillis(Long.parseLong(args[4])),
        RestartBackOff.defaults());
    lease.start();
    lease.acquired().get();
    System.out.println("held");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
