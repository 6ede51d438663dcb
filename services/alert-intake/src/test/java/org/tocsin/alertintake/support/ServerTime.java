package org.tocsin.alertintake.support;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * What serving a request cost the server, measured by a valve on Tomcat's engine, around
 * everything the service does for the request (security filters, body reading, parsing,
 * validation, the database, writing the answer): the CPU time of the thread that served it,
 * and the time that passed. A request is followed when it carries the header {@link #HEADER}.
 * {@code @Import(ServerTime.Configuration.class)} installs it.
 */
public final class ServerTime {

  public static final String HEADER = "X-Test-Request";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Map<String, Served> SERVED = new ConcurrentHashMap<>();

  private ServerTime() {
  }

  /** What one request cost: CPU time of its thread, and elapsed time, in nanoseconds. */
  public record Served(long cpuNanos, long elapsedNanos) {
  }

  /**
   * What the request with this header value cost. The valve records it as the request leaves
   * the engine, which can be just after the client has the answer; this waits for it as long
   * as {@code timeout}.
   */
  public static Served of(String request, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Served served = SERVED.remove(request);
    while (served == null && System.nanoTime() < deadline) {
      Thread.sleep(1);
      served = SERVED.remove(request);
    }
    if (served == null) {
      throw new AssertionError("request " + request + " was not recorded within " + timeout);
    }
    return served;
  }

  /** Installs the valve. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> serverTimeValve() {
      return factory -> factory.addEngineValves(new Valve());
    }
  }

  private static final class Valve extends ValveBase {

    Valve() {
      super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
      String followed = request.getHeader(HEADER);
      if (followed == null) {
        getNext().invoke(request, response);
        return;
      }
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      try {
        getNext().invoke(request, response);
      } finally {
        SERVED.put(followed, new Served(THREADS.getCurrentThreadCpuTime() - cpu,
            System.nanoTime() - start));
      }
    }
  }
}
