package org.tocsin.dispatcher.autoconfigure;

import org.springframework.core.env.Environment;

/** How the dispatcher names its Kafka clients and groups: after the application. */
final class DispatcherNames {

  private DispatcherNames() {
  }

  static String application(Environment environment) {
    return environment.getProperty("spring.application.name", "tocsin-dispatcher");
  }

  static String client(Environment environment, String role) {
    return application(environment) + "-" + role;
  }
}
