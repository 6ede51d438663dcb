package org.tocsin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Tocsin service as the local stack runs it: the module whose executable jar it starts, its
 * port, the PostgreSQL database it owns (null if none), the settings that point it at the local
 * infrastructure, and the pages worth showing a newcomer.
 *
 * @param name the service's name, also its log file's
 * @param module the module directory, relative to the project's root
 * @param port the HTTP port
 * @param heap the maximum heap, e.g. {@code 256m}
 * @param database the database it owns on the local PostgreSQL server, or null
 * @param properties system properties for its JVM
 * @param links pages to print, by what they show
 */
record LocalService(String name, String module, int port, String heap, String database,
                    Map<String, String> properties, Map<String, String> links) {

  LocalService {
    properties = Map.copyOf(properties);
    links = new LinkedHashMap<>(links);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The executable jar the module's build made ({@code target/tocsin-<name>-*-exec.jar}). */
  Path jar() {
    return jarOf(name, module);
  }

  /** The executable jar of the service {@code name} that the build of {@code module} made. */
  static Path jarOf(String name, String module) {
    Path target = Path.of(module, "target");
    if (!Files.isDirectory(target)) {
      return target.resolve("tocsin-" + name + "-exec.jar");
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(file -> file.getFileName().toString().startsWith("tocsin-" + name + "-")
              && file.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElse(target.resolve("tocsin-" + name + "-exec.jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
