package org.tocsin.subscriptions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.tocsin.testing.spring.RealKafka;
import org.tocsin.testing.spring.RealPostgres;

/**
 * The service on a random port against the shared real Kafka broker and a database of its own
 * on the real PostgreSQL server. Test classes with this annotation share one application
 * context. The loopback address is the trusted proxy, so a test picks its client address with
 * X-Forwarded-For.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SubscriptionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1",
        "server.tomcat.remoteip.remote-ip-header=X-Forwarded-For",
        "tocsin.outbox.min-backoff=100ms",
        "tocsin.outbox.max-backoff=1s"})
@RealKafka
@RealPostgres
public @interface ServiceIT {
}
