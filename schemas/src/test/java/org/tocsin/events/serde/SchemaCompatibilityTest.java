package org.tocsin.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tocsin.events.v1.AlertEvent;

/**
 * Schemas evolve only compatibly: the schema of today reads everything written with every
 * released version. These tests fail the build when a change breaks that, and when today's schema
 * was changed without being released as a new version.
 */
class SchemaCompatibilityTest {

  @TestFactory
  Stream<DynamicTest> todaysSchemaReadsEveryReleasedVersion() {
    List<DynamicTest> tests = new ArrayList<>();
    for (EventType<?> type : EventTypes.all()) {
      List<Schema> released = type.releasedSchemas();
      for (int version = 1; version <= released.size(); version++) {
        Schema writer = released.get(version - 1);
        tests.add(DynamicTest.dynamicTest(type.name() + " reads version " + version, () ->
            assertThat(incompatibilities(type.currentSchema(), writer)).isEmpty()));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> theDeserializerDecodesRandomDataOfEveryReleasedVersion() {
    List<DynamicTest> tests = new ArrayList<>();
    for (EventType<?> type : EventTypes.all()) {
      List<Schema> released = type.releasedSchemas();
      for (int version = 1; version <= released.size(); version++) {
        Schema writer = released.get(version - 1);
        tests.add(DynamicTest.dynamicTest(type.name() + " version " + version, () -> {
          BinaryMessageEncoder<Object> encoder =
              new BinaryMessageEncoder<>(GenericData.get(), writer);
          EventDeserializer<SpecificRecord> deserializer = new EventDeserializer<>();
          for (Object datum : new RandomData(writer, 50, 20261123L)) {
            byte[] bytes = toBytes(encoder.encode(datum));
            assertThat(deserializer.deserialize("t", bytes)).isInstanceOf(type.javaClass());
          }
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> todaysSchemaIsTheLatestReleasedVersion() {
    return EventTypes.all().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
      List<Schema> released = type.releasedSchemas();
      Schema latest = released.get(released.size() - 1);
      assertThat(SchemaNormalization.parsingFingerprint64(type.currentSchema()))
          .as("%s changed since its last release: add %s with%n%s", type.name(),
              EventType.releasedSchemaResource(type.javaClass(), released.size() + 1),
              type.currentSchema().toString(true))
          .isEqualTo(SchemaNormalization.parsingFingerprint64(latest));
    }));
  }

  @Test
  void aNewRequiredFieldWithoutDefaultIsRejected() {
    Schema current = AlertEvent.getClassSchema();
    Schema withRequiredField = copyWith(current, field -> true,
        new Schema.Field("priority", Schema.create(Schema.Type.INT), "new, no default"));

    assertThat(incompatibilities(withRequiredField, current))
        .anySatisfy(problem -> assertThat(problem).contains("priority"));
  }

  @Test
  void aChangedFieldTypeIsRejected() {
    Schema current = AlertEvent.getClassSchema();
    Schema versionAsString = copyWith(current, field -> !field.name().equals("version"),
        new Schema.Field("version", Schema.create(Schema.Type.STRING), "was an int"));

    assertThat(incompatibilities(current, versionAsString)).isNotEmpty();
  }

  @Test
  void anOlderWriterWithoutTheOptionalFieldsIsReadWithTheirDefaults() throws IOException {
    Schema current = AlertEvent.getClassSchema();
    List<String> addedLater = List.of("previousArea", "approvedBy", "note", "responseTypes");
    Schema older = copyWith(current, field -> !addedLater.contains(field.name()));
    assertThat(incompatibilities(current, older)).isEmpty();

    GenericData.Record written = new GenericData.Record(older);
    AlertEvent sample = org.tocsin.events.SampleEvents.chemicalRelease();
    SpecificData model = SpecificData.getForClass(AlertEvent.class);
    byte[] today = toBytes(AlertEvent.getEncoder().encode(sample));
    GenericData.Record asGeneric = new BinaryMessageDecoder<GenericData.Record>(
        GenericData.get(), current).decode(today);
    for (Schema.Field field : older.getFields()) {
      written.put(field.name(), asGeneric.get(field.name()));
    }
    byte[] olderBytes = toBytes(
        new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), older).encode(written));

    BinaryMessageDecoder<AlertEvent> reader = new BinaryMessageDecoder<>(model, current);
    reader.addSchema(older);
    AlertEvent read = reader.decode(olderBytes);

    assertThat(read.getApprovedBy()).isNull();
    assertThat(read.getPreviousArea()).isNull();
    assertThat(read.getResponseTypes()).isEmpty();
    assertThat(read.getArea()).isEqualTo(sample.getArea());
    assertThat(read.getInfos()).isEqualTo(sample.getInfos());
  }

  /** What stops {@code reader} from reading data written with {@code writer}; empty if nothing. */
  static List<String> incompatibilities(Schema reader, Schema writer) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    return result.getResult().getIncompatibilities().stream()
        .map(problem -> problem.getType() + " at " + problem.getLocation() + ": "
            + problem.getMessage())
        .toList();
  }

  private static byte[] toBytes(java.nio.ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static Schema copyWith(Schema record, Predicate<Schema.Field> keep,
                                 Schema.Field... added) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      if (keep.test(field)) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    fields.addAll(List.of(added));
    return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false,
        fields);
  }
}
