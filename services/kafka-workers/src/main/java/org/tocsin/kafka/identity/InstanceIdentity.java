package org.tocsin.kafka.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The stable, unique name of a service instance, part of its Kafka transactional ids and static
 * group member ids: taken from configuration, or generated once and kept in a state file.
 *
 * <p>A kept id lives in one of the slot files {@code instance-1.id}, {@code instance-2.id}...
 * of the state directory. A process takes the first slot no other process holds (an operating
 * system lock, released when the process ends, however it ends), so two processes started from
 * the same directory get two ids, and a restarted one gets its old id back. Across hosts, the
 * ids differ by host name and a random part; the {@link InstanceLease} catches an id configured
 * twice or a copied state directory.
 */
public final class InstanceIdentity implements AutoCloseable {

  /**
   * Where the id came from: configured, kept from an earlier run, generated and kept for the
   * next ones, or generated for this run only (the state directory cannot be written).
   */
  public enum Source { CONFIGURED, KEPT, GENERATED, THIS_RUN_ONLY }

  /** What Kafka accepts in a static group member id. */
  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
  private static final int SLOTS = 64;

  private final String id;
  private final Source source;
  private final Path file;
  private final FileChannel channel;

  private InstanceIdentity(String id, Source source, Path file, FileChannel channel) {
    this.id = id;
    this.source = source;
    this.file = file;
    this.channel = channel;
  }

  /** A configured id; it must be made of letters, digits, '.', '_' and '-'. */
  public static InstanceIdentity configured(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException("An instance id is 1 to 200 letters, digits, '.', '_' "
          + "or '-': " + id);
    }
    return new InstanceIdentity(id, Source.CONFIGURED, null, null);
  }

  /**
   * The id kept in the first free slot of {@code directory}, generated if the slot is new; if
   * the directory cannot be written, an id generated for this run only.
   */
  public static InstanceIdentity keptIn(Path directory) {
    try {
      return kept(directory);
    } catch (IOException e) {
      return new InstanceIdentity(generate(), Source.THIS_RUN_ONLY, null, null);
    }
  }

  private static InstanceIdentity kept(Path directory) throws IOException {
    Files.createDirectories(directory);
    for (int slot = 1; slot <= SLOTS; slot++) {
      Path file = directory.resolve("instance-" + slot + ".id");
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        continue;
      }
      String kept = read(channel);
      if (kept != null && VALID.matcher(kept).matches()) {
        return new InstanceIdentity(kept, Source.KEPT, file, channel);
      }
      String generated = generate();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((generated + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new InstanceIdentity(generated, Source.GENERATED, file, channel);
    }
    throw new IllegalStateException("All " + SLOTS + " instance id slots of " + directory
        + " are held by running processes");
  }

  public String id() {
    return id;
  }

  public Source source() {
    return source;
  }

  /** The slot file a kept or generated id lives in; null for a configured one. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public String toString() {
    return id + " (" + source.name().toLowerCase(Locale.ROOT)
        + (file == null ? "" : ", in " + file) + ")";
  }

  private static String read(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0 || size > 1024) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    channel.read(buffer, 0);
    return new String(buffer.array(), StandardCharsets.UTF_8).trim();
  }

  private static String generate() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "host";
    }
    host = host.replaceAll("[^a-zA-Z0-9._-]", "-");
    if (host.length() > 100) {
      host = host.substring(0, 100);
    }
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return host + "-" + HexFormat.of().formatHex(random);
  }
}
