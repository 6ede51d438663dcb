package org.tocsin.testing.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the Spring test context a fresh database of its own on the real PostgreSQL server of this
 * JVM ({@link org.tocsin.testing.postgres.PostgresServers#shared()}) through
 * {@code spring.datasource.*}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealPostgres {
}
