package org.tocsin.dispatcheremail.smtp;

import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Names Angus Mail's stream provider for the process, unless one is named already. Without it
 * every new MIME part looks the provider up through {@code ServiceLoader}, which in the
 * executable jar re-opens nested jars under one lock: the senders queued on that lock
 * (BENCHMARKS.md, "E-mail sending"), and the bare Jakarta Mail loop ran about three times
 * faster with it.
 */
public final class MailStreamProviders {

  /** Jakarta Mail's system property naming its stream provider. */
  static final String PROPERTY = "jakarta.mail.util.StreamProvider";

  private MailStreamProviders() {
  }

  /** Sets {@value #PROPERTY} to Angus Mail's provider if the process has not set it. */
  public static void nameAngus() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, MailStreamProvider.class.getName());
    }
  }
}
