package org.tocsin.events.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Tocsin event type: its generated class, the schema it is written with today and every
 * released version of that schema, which a reader must still be able to decode.
 *
 * <p>Released versions live on the classpath at
 * {@code org/tocsin/events/v1/released/<Name>.<n>.avsc}, numbered from 1 without gaps.
 */
public final class EventType<T extends SpecificRecord> {

  private final Class<T> javaClass;
  private final Schema currentSchema;
  private final List<Schema> releasedSchemas;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  EventType(Class<T> javaClass) {
    this.javaClass = javaClass;
    SpecificData model = modelOf(javaClass);
    this.currentSchema = model.getSchema(javaClass);
    this.releasedSchemas = loadReleasedSchemas(javaClass);
    SchemaStore.Cache store = new SchemaStore.Cache();
    releasedSchemas.forEach(store::addSchema);
    this.encoder = new BinaryMessageEncoder<>(model, currentSchema);
    this.decoder = new BinaryMessageDecoder<>(model, currentSchema, store);
  }

  public Class<T> javaClass() {
    return javaClass;
  }

  public String name() {
    return javaClass.getSimpleName();
  }

  /** The schema this build writes. */
  public Schema currentSchema() {
    return currentSchema;
  }

  /** Every released version, oldest first. */
  public List<Schema> releasedSchemas() {
    return releasedSchemas;
  }

  BinaryMessageEncoder<T> encoder() {
    return encoder;
  }

  BinaryMessageDecoder<T> decoder() {
    return decoder;
  }

  /** The generated class's own model, which carries its logical-type conversions. */
  private static SpecificData modelOf(Class<? extends SpecificRecord> javaClass) {
    try {
      return ((org.apache.avro.specific.SpecificRecordBase) javaClass.getDeclaredConstructor()
          .newInstance()).getSpecificData();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException(javaClass.getName() + " is not a generated Avro class", e);
    }
  }

  static String releasedSchemaResource(Class<?> javaClass, int version) {
    return javaClass.getPackageName().replace('.', '/')
        + "/released/" + javaClass.getSimpleName() + "." + version + ".avsc";
  }

  private static List<Schema> loadReleasedSchemas(Class<?> javaClass) {
    List<Schema> schemas = new ArrayList<>();
    ClassLoader loader = javaClass.getClassLoader();
    for (int version = 1; ; version++) {
      String resource = releasedSchemaResource(javaClass, version);
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          break;
        }
        schemas.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read released schema " + resource, e);
      }
    }
    if (schemas.isEmpty()) {
      throw new IllegalStateException("No released schema for " + javaClass.getName()
          + ": expected " + releasedSchemaResource(javaClass, 1));
    }
    return List.copyOf(schemas);
  }
}
