package org.tocsin.local.issuer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The operators of the local stack. Their secrets are generated on the first start and kept in
 * the data directory (never in the repository), in a file a shell can source.
 */
public final class DemoOperators {

  /** Who exists locally and what each may do. Four eyes: the approver is not the operator. */
  private static final Map<String, List<String>> ROLES = Map.of(
      "operator", List.of("OPERATOR"),
      "approver", List.of("OPERATOR", "APPROVER"),
      "auditor", List.of("AUDITOR"),
      "admin", List.of("ADMIN"));

  private final List<DemoOperator> operators;
  private final Path secretsFile;

  private DemoOperators(List<DemoOperator> operators, Path secretsFile) {
    this.operators = operators;
    this.secretsFile = secretsFile;
  }

  /** Loads the secrets kept in {@code dataDirectory}, generating the missing ones. */
  public static DemoOperators loadOrCreate(Path dataDirectory) {
    Path file = dataDirectory.resolve("operators.env");
    Properties secrets = new Properties();
    try {
      Files.createDirectories(dataDirectory);
      if (Files.exists(file)) {
        try (Reader reader = Files.newBufferedReader(file)) {
          secrets.load(reader);
        }
      }
      SecureRandom random = new SecureRandom();
      List<DemoOperator> operators = ROLES.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(entry -> new DemoOperator(entry.getKey(), entry.getValue(),
              secrets.computeIfAbsent(variable(entry.getKey()),
                  key -> randomSecret(random)).toString()))
          .toList();
      try (Writer writer = Files.newBufferedWriter(file)) {
        writer.write("# Secrets of the local operators (generated; source this file)\n");
        for (DemoOperator operator : operators) {
          writer.write(variable(operator.name()) + "=" + operator.secret() + "\n");
        }
      }
      return new DemoOperators(operators, file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the local operators' secrets in " + file, e);
    }
  }

  public List<DemoOperator> all() {
    return operators;
  }

  public Path secretsFile() {
    return secretsFile;
  }

  public static String variable(String operator) {
    return "TOCSIN_" + operator.toUpperCase(java.util.Locale.ROOT) + "_SECRET";
  }

  private static String randomSecret(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
