package org.tocsin.testing.spring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.tocsin.testing.kafka.KafkaBrokers;
import org.tocsin.testing.postgres.PostgresDatabase;
import org.tocsin.testing.postgres.PostgresServers;

/** Applies {@link RealKafka} and {@link RealPostgres} to Spring test contexts. */
public final class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    boolean kafka = TestContextAnnotationUtils.hasAnnotation(testClass, RealKafka.class);
    boolean postgres = TestContextAnnotationUtils.hasAnnotation(testClass, RealPostgres.class);
    return kafka || postgres ? new RealInfrastructure(kafka, postgres) : null;
  }

  private record RealInfrastructure(boolean kafka, boolean postgres) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context,
                                 MergedContextConfiguration mergedConfig) {
      Map<String, Object> properties = new HashMap<>();
      if (kafka) {
        properties.put("spring.kafka.bootstrap-servers", KafkaBrokers.shared().bootstrapServers());
      }
      if (postgres) {
        PostgresDatabase database = PostgresServers.shared().createDatabase("test");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
      }
      context.getEnvironment().getPropertySources()
          .addFirst(new MapPropertySource("tocsin-real-infrastructure", properties));
    }
  }
}
