package org.tocsin.testing;

import org.testcontainers.utility.DockerImageName;

/**
 * Whether tests run their infrastructure in Docker, and with which images. The images default to
 * the official ones; {@code TOCSIN_TEST_KAFKA_IMAGE} and {@code TOCSIN_TEST_POSTGRES_IMAGE}
 * name locally built stand-ins, declared compatible with the official images.
 */
public final class DockerImages {

  public static final String DOCKER_SWITCH = "TOCSIN_TEST_DOCKER";

  private DockerImages() {
  }

  public static boolean useDocker() {
    return Boolean.parseBoolean(setting(DOCKER_SWITCH, "false"));
  }

  public static DockerImageName kafka() {
    return image("TOCSIN_TEST_KAFKA_IMAGE", "apache/kafka:4.1.2", "apache/kafka");
  }

  public static DockerImageName postgres() {
    return image("TOCSIN_TEST_POSTGRES_IMAGE", "postgres:18", "postgres");
  }

  private static DockerImageName image(String variable, String official, String officialName) {
    return DockerImageName.parse(setting(variable, official))
        .asCompatibleSubstituteFor(officialName);
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      value = System.getProperty(name);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
