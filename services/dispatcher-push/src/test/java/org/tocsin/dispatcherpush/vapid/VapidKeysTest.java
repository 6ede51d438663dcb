package org.tocsin.dispatcherpush.vapid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class VapidKeysTest {

  @Test
  void aGeneratedPairReadsBackAsTheSamePair() {
    VapidKeys generated = VapidKeys.generate();

    VapidKeys read = VapidKeys.of(generated.publicKey(), generated.privateKey());

    assertThat(read.publicKey()).isEqualTo(generated.publicKey());
    assertThat(Base64.getUrlDecoder().decode(read.publicKey())).hasSize(65).startsWith(4);
    assertThat(Base64.getUrlDecoder().decode(read.privateKey())).hasSize(32);
  }

  @Test
  void keysOfTwoDifferentPairsAreRefused() {
    assertThatThrownBy(() -> VapidKeys.of(VapidKeys.generate().publicKey(),
        VapidKeys.generate().privateKey()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one pair");
  }

  @Test
  void malformedKeysAreRefusedWithTheReason() {
    String good = VapidKeys.generate().privateKey();
    assertThatThrownBy(() -> VapidKeys.of("", good)).hasMessageContaining("No VAPID public key");
    assertThatThrownBy(() -> VapidKeys.of("BAAA", good)).hasMessageContaining("65 bytes");
    assertThatThrownBy(() -> VapidKeys.of(VapidKeys.generate().publicKey(), "AAAA"))
        .hasMessageContaining("32 bytes");
  }

  @Test
  void thePrivateKeyNeverShowsInToString() {
    VapidKeys keys = VapidKeys.generate();

    assertThat(keys.toString()).contains(keys.publicKey()).doesNotContain(keys.privateKey());
  }
}
