package org.tocsin.alertintake.cap;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;

/** The OASIS CAP 1.2 schema (test resources), to validate what Tocsin writes. */
public final class CapSchema {

  private static final Schema SCHEMA = load();

  private CapSchema() {
  }

  /** Fails with the schema's reason if the message is not valid CAP 1.2. */
  public static void assertValid(String xml) {
    try {
      Validator validator = SCHEMA.newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.validate(new StreamSource(new StringReader(xml)));
    } catch (SAXException e) {
      throw new AssertionError("Not valid against the OASIS CAP 1.2 schema: " + e.getMessage()
          + "\n" + xml, e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Schema load() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory.newSchema(CapSchema.class.getResource("/cap/CAP-v1.2.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException("The CAP 1.2 schema cannot be loaded", e);
    }
  }
}
