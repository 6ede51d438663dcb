package org.tocsin.alertintake.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnsafeCharactersTest {

  @ParameterizedTest(name = "U+{0}")
  @CsvSource({
      "0007, U+0007 BEL, a control character",
      "001B, U+001B ESCAPE, a control character",
      "0085, U+0085, a control character",
      "202E, U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional embedding, override or isolate",
      "202A, U+202A LEFT-TO-RIGHT EMBEDDING, a bidirectional embedding",
      "2067, U+2067 RIGHT-TO-LEFT ISOLATE, a bidirectional embedding",
      "200B, U+200B ZERO WIDTH SPACE, a zero-width character",
      "200D, U+200D ZERO WIDTH JOINER, a zero-width character",
      "FEFF, U+FEFF ZERO WIDTH NO-BREAK SPACE, a zero-width character",
      "2028, U+2028 LINE SEPARATOR, a line or paragraph separator",
      "00AD, U+00AD SOFT HYPHEN, an invisible format character",
      "FFFE, U+FFFE, a noncharacter",
      "D800, U+D800, a lone surrogate"})
  void anInvisibleOrReorderingCharacterIsNamedWithItsPositionAndKind(String hex, String name,
                                                                     String kind) {
    String text = "Blijf " + (char) Integer.parseInt(hex, 16) + "binnen";
    assertThat(UnsafeCharacters.problem(text)).hasValueSatisfying(problem -> assertThat(problem)
        .contains(name).contains("at position 7").contains(kind));
  }

  @Test
  void tabsLineBreaksDirectionMarksAndCharactersBeyondTheBasicPlaneAreAllowed() {
    assertThat(UnsafeCharacters.problem("Blijf\tbinnen.\r\nSluit ramen.")).isEmpty();
    assertThat(UnsafeCharacters.problem("ابقوا في منازلكم\u200F (Brussel)\u200E")).isEmpty();
    assertThat(UnsafeCharacters.problem("Rook \uD83D\uDD25 boven Gent")).isEmpty();
    assertThat(UnsafeCharacters.problem(null)).isEmpty();
  }

  @Test
  void thePositionCountsCharactersNotUtf16Units() {
    assertThat(UnsafeCharacters.problem("\uD83D\uDD25\u202E")).hasValueSatisfying(problem ->
        assertThat(problem).contains("at position 2"));
  }
}
