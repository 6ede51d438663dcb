package org.tocsin.alertintake.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Times in requests, JSON bodies and query parameters alike, only as ISO-8601 date-times with
 * an offset and a four-digit year ({@code 2026-05-24T16:49:00+02:00}, {@code ...Z}), at most
 * {@value #MAX_LENGTH} characters, checked before they are parsed. Numbers are refused: Jackson
 * reads a number of seconds with a huge exponent as 1970, and a year beyond 9999 as a time
 * PostgreSQL cannot store.
 */
@Configuration(proxyBeanMethods = false)
public class BoundedInstants implements WebMvcConfigurer {

  static final int MAX_LENGTH = 35;
  static final String EXPECTED = "must be an ISO-8601 date-time with offset, such as "
      + "2026-05-24T16:49:00+02:00";
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

  /** The time, or null if the text is not a bounded ISO-8601 date-time with offset. */
  static Instant parse(String text) {
    if (text == null || text.length() > MAX_LENGTH || !DATE_TIME.matcher(text).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Bean
  JacksonModule boundedInstantsModule() {
    return new SimpleModule("tocsin-bounded-instants").addDeserializer(Instant.class,
        new Deserializer());
  }

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addConverter(String.class, Instant.class, (Converter<String, Instant>) text -> {
      if (text.isEmpty()) {
        return null;
      }
      Instant instant = parse(text);
      if (instant == null) {
        throw new IllegalArgumentException(EXPECTED);
      }
      return instant;
    });
  }

  private static final class Deserializer extends StdScalarDeserializer<Instant> {

    Deserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
      String text = parser.getString();
      Instant instant = parser.hasToken(JsonToken.VALUE_STRING) ? parse(text) : null;
      if (instant == null) {
        throw InvalidFormatException.from(parser, EXPECTED, text, Instant.class);
      }
      return instant;
    }
  }
}
