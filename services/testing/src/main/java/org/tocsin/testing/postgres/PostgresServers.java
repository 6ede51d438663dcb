package org.tocsin.testing.postgres;

import org.tocsin.testing.DockerImages;

/**
 * The PostgreSQL server of this test JVM: started on first use, shared by every test (each test
 * context creates its own database on it), closed when the JVM exits. Embedded binaries by
 * default; a Testcontainers server when {@code TOCSIN_TEST_DOCKER=true}.
 */
public final class PostgresServers {

  private static PostgresServer shared;

  private PostgresServers() {
  }

  public static synchronized PostgresServer shared() {
    if (shared == null) {
      PostgresServer server = DockerImages.useDocker()
          ? ContainerPostgresServer.start()
          : EmbeddedPostgresServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-shutdown"));
      shared = server;
    }
    return shared;
  }
}
