package org.tocsin.kafka.identity;

import java.nio.file.Path;

/** Another process: takes an instance id from a state directory, prints it, and keeps it. */
public final class InstanceIdHolder {

  public static void main(String[] args) throws InterruptedException {
    InstanceIdentity identity = InstanceIdentity.keptIn(Path.of(args[0]));
    System.out.println(identity.id());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
