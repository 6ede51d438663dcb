package org.tocsin.alertintake.cap;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tocsin.alertintake.rejection.Rejection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Parses a CAP message into a DOM within limits, counted while streaming so that no input
 * costs more than its limits allow: nesting depth, number of elements and attributes, and the
 * length of each element's text (polygons excepted, whose pairs the reader counts). Any
 * DOCTYPE is refused, so there are no external entities and no entity expansion; comments and
 * processing instructions are dropped.
 */
final class CapXml {

  private static final XMLInputFactory FACTORY = secureFactory();

  private final int maxDepth;
  private final int maxElements;
  private final int maxTextLength;

  CapXml(int maxDepth, int maxElements, int maxTextLength) {
    this.maxDepth = maxDepth;
    this.maxElements = maxElements;
    this.maxTextLength = maxTextLength;
  }

  Document parse(String xml) {
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.createXMLStreamReader(new StringReader(xml));
      Document document = newDocument();
      Node current = document;
      int depth = 0;
      int nodes = 0;
      int textLength = 0;
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.DTD -> throw malformed("DOCTYPE declarations are refused "
              + "(no external entities, no entity expansion)");
          case XMLStreamConstants.ENTITY_REFERENCE -> throw malformed("entity references are "
              + "refused");
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            nodes += 1 + reader.getAttributeCount() + reader.getNamespaceCount();
            if (depth > maxDepth) {
              throw limit("nests elements " + depth + " deep; at most " + maxDepth, reader);
            }
            if (nodes > maxElements) {
              throw limit("has more than " + maxElements + " elements and attributes", reader);
            }
            Element element = document.createElementNS(emptyToNull(reader.getNamespaceURI()),
                qualifiedName(reader));
            for (int i = 0; i < reader.getAttributeCount(); i++) {
              element.setAttributeNS(emptyToNull(reader.getAttributeNamespace(i)),
                  qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)),
                  reader.getAttributeValue(i));
            }
            current.appendChild(element);
            current = element;
            textLength = 0;
          }
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            current = current.getParentNode();
            textLength = 0;
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
               XMLStreamConstants.SPACE -> {
            if (current == document) {
              continue;
            }
            textLength += reader.getTextLength();
            if (textLength > maxTextLength && !"polygon".equals(current.getLocalName())) {
              throw limit("has a text of more than " + maxTextLength + " characters in <"
                  + current.getNodeName() + ">", reader);
            }
            current.appendChild(document.createTextNode(reader.getText()));
          }
          default -> {
            // comments, processing instructions, start and end of document
          }
        }
      }
      if (document.getDocumentElement() == null) {
        throw malformed("the document has no root element");
      }
      return document;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof Rejection rejection) {
        throw rejection;
      }
      throw malformed("not well-formed XML: " + firstLine(e.getMessage()));
    } finally {
      close(reader);
    }
  }

  private static String qualifiedName(XMLStreamReader reader) {
    return qualified(reader.getPrefix(), reader.getLocalName());
  }

  private static String qualified(String prefix, String localName) {
    return prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
  }

  private static String emptyToNull(String namespace) {
    return namespace == null || namespace.isEmpty() ? null : namespace;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().reduce((first, last) -> last).orElse(message).strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing is held beyond the string being read
      }
    }
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }

  private static Rejection limit(String what, XMLStreamReader reader) {
    return new Rejection(Rejection.Kind.MALFORMED, "Malformed CAP message",
        "The CAP message is beyond the limits: it " + what + " (line "
            + reader.getLocation().getLineNumber() + ")");
  }

  private static Rejection malformed(String reason) {
    return new Rejection(Rejection.Kind.MALFORMED, "Malformed CAP message",
        "The CAP message cannot be read: " + reason);
  }
}
