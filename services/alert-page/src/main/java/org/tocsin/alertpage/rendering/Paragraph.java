package org.tocsin.alertpage.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A paragraph of an operator's text, as its lines: blank lines part paragraphs. */
public record Paragraph(List<String> lines) {

  private static final Pattern BLANK_LINES = Pattern.compile("\\R\\s*\\R");
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");

  public Paragraph {
    lines = List.copyOf(lines);
  }

  /** The paragraphs of a text; none for a null or blank one. */
  public static List<Paragraph> of(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Paragraph> paragraphs = new ArrayList<>();
    for (String paragraph : BLANK_LINES.split(text.strip())) {
      if (!paragraph.isBlank()) {
        paragraphs.add(new Paragraph(List.of(LINE_BREAK.split(paragraph.strip()))));
      }
    }
    return paragraphs;
  }
}
