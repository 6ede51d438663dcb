package org.tocsin.alertintake.fuzz;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON read as the service reads request bodies: the read constraints of application.yaml
 * ({@code spring.jackson.factory.constraints.read}).
 */
public final class ServiceJson {

  private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(100)
          .maxNestingDepth(64).build())
      .build()).build();

  private ServiceJson() {
  }

  /** The tree of the bytes, or null where the service answers 400 before any reader runs. */
  public static JsonNode tree(byte[] input) {
    try {
      return JSON.readTree(input);
    } catch (JacksonException notJson) {
      return null;
    }
  }
}
