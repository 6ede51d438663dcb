package org.tocsin.testing.postgres;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.tocsin.testing.DockerImages;

/** PostgreSQL in a container (Testcontainers), used when {@code TOCSIN_TEST_DOCKER=true}. */
public final class ContainerPostgresServer implements PostgresServer {

  private final PostgreSQLContainer container;

  private ContainerPostgresServer(PostgreSQLContainer container) {
    this.container = container;
  }

  public static ContainerPostgresServer start() {
    PostgreSQLContainer container = new PostgreSQLContainer(DockerImages.postgres())
        .withDatabaseName("postgres");
    container.start();
    return new ContainerPostgresServer(container);
  }

  @Override
  public PostgresDatabase adminDatabase() {
    return database("postgres");
  }

  @Override
  public PostgresDatabase database(String name) {
    String url = "jdbc:postgresql://" + container.getHost() + ":"
        + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + name;
    return new PostgresDatabase(url, container.getUsername(), container.getPassword());
  }

  @Override
  public void close() {
    container.stop();
  }
}
