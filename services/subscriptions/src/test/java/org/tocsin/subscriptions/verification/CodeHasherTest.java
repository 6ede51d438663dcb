package org.tocsin.subscriptions.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeHasherTest {

  @Test
  void codesAreDigitsOfTheRequestedLength() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String code = CodeHasher.newCode(6);
      assertThat(code).matches("\\d{6}");
      codes.add(code);
    }
    assertThat(codes).as("random codes").hasSizeGreaterThan(190);
  }

  @Test
  void aHashMatchesItsCodeOnlyAndDependsOnTheSalt() {
    byte[] salt = CodeHasher.newSalt();
    byte[] hash = CodeHasher.hash(salt, "123456");
    assertThat(CodeHasher.matches(salt, hash, "123456")).isTrue();
    assertThat(CodeHasher.matches(salt, hash, "123457")).isFalse();
    assertThat(CodeHasher.hash(CodeHasher.newSalt(), "123456")).isNotEqualTo(hash);
  }
}
