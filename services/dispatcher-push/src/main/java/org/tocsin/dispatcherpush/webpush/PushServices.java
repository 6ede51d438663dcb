package org.tocsin.dispatcherpush.webpush;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The push services endpoints belong to. A configured service owns its hosts and their
 * subdomains; an endpoint on any other host is a service of its own (by host and port), with
 * the default limits.
 */
public final class PushServices {

  /** A configured service: its hosts and limits. */
  public record Definition(String name, List<String> hosts, double messagesPerSecond,
                    int maxConcurrentRequests) {
  }

  private record Owner(String host, PushService service) {
  }

  private final List<Owner> owners = new ArrayList<>();
  private final Map<String, PushService> others = new ConcurrentHashMap<>();
  private final Map<String, PushService> all = new ConcurrentHashMap<>();
  private final double defaultRate;
  private final int defaultConcurrency;

  PushServices(Collection<Definition> definitions, double defaultRate, int defaultConcurrency) {
    this.defaultRate = defaultRate;
    this.defaultConcurrency = defaultConcurrency;
    for (Definition definition : definitions) {
      PushService service = new PushService(definition.name(), definition.messagesPerSecond(),
          definition.maxConcurrentRequests());
      all.put(definition.name(), service);
      for (String host : definition.hosts()) {
        owners.add(new Owner(host.strip().toLowerCase(Locale.ROOT), service));
      }
    }
  }

  PushService of(URI endpoint) {
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    for (Owner owner : owners) {
      if (host.equals(owner.host()) || host.endsWith("." + owner.host())) {
        return owner.service();
      }
    }
    String authority = endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
    return others.computeIfAbsent(authority, name -> {
      PushService service = new PushService(name, defaultRate, defaultConcurrency);
      all.put(name, service);
      return service;
    });
  }

  /** Every service met or configured so far, by name. */
  Map<String, PushService> all() {
    return all;
  }
}
