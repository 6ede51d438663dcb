package org.tocsin.testing.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.tocsin.testing.kafka.KafkaBroker;
import org.tocsin.testing.kafka.KafkaBrokers;
import org.tocsin.testing.postgres.PostgresDatabase;
import org.tocsin.testing.postgres.PostgresServers;

/**
 * JUnit extension for tests without Spring: injects the shared real {@link KafkaBroker} and a
 * {@link PostgresDatabase} of the test class's own on the shared real PostgreSQL server.
 */
public final class RealInfrastructure implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealInfrastructure.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaBroker.class || type == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    if (parameter.getParameter().getType() == KafkaBroker.class) {
      return KafkaBrokers.shared();
    }
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext.getStore(NAMESPACE).computeIfAbsent(PostgresDatabase.class,
        key -> PostgresServers.shared().createDatabase("test"), PostgresDatabase.class);
  }

}
