package org.tocsin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's VAPID key pair, made on the first start with dispatcher-push's own
 * {@code generate-vapid-keys} command and kept in {@code <data>/vapid.env}, so that the
 * citizen page offers push and dispatcher-push signs with the key browsers subscribed with.
 *
 * @param publicKey the application server key the citizen page subscribes with
 * @param privateKey its private half, a secret of this data directory only
 */
record LocalVapidKeys(String publicKey, String privateKey) {

  static final String PUBLIC = "TOCSIN_PUSH_VAPID_PUBLIC_KEY";
  static final String PRIVATE = "TOCSIN_PUSH_VAPID_PRIVATE_KEY";

  static LocalVapidKeys loadOrCreate(Path data, Path dispatcherPushJar) {
    Path file = data.resolve("vapid.env");
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, generate(dispatcherPushJar));
      }
      Map<String, String> values = new HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
      }
      if (values.get(PUBLIC) == null || values.get(PRIVATE) == null) {
        throw new IllegalStateException(file + " lacks " + PUBLIC + " or " + PRIVATE
            + ": delete it to have a new pair made");
      }
      return new LocalVapidKeys(values.get(PUBLIC), values.get(PRIVATE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the VAPID keys in " + file, e);
    }
  }

  private static String generate(Path jar) throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first ("
          + "./mvnw -pl local -am -DskipTests package)");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(List.of(java, "-jar", jar.toString(),
        "generate-vapid-keys")).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
          || !output.contains(PUBLIC + "=")) {
        throw new IllegalStateException("dispatcher-push could not make a VAPID key pair: "
            + output);
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
