package org.tocsin.subscriptions.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void anIpv4ClientIsItsAddress() {
    assertThat(ClientAddress.of("198.51.100.7").network()).isEqualTo("198.51.100.7");
  }

  @Test
  void anIpv6ClientIsItsSlash64Network() {
    ClientAddress one = ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    ClientAddress other = ClientAddress.of("2001:db8:1:2::1");
    assertThat(one).isEqualTo(other);
    assertThat(one.network()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(one);
  }

  @Test
  void somethingThatIsNotALiteralAddressIsNeverLookedUp() {
    assertThat(ClientAddress.of("example.org").network()).isEqualTo("unparsable");
    assertThat(ClientAddress.of(null).network()).isEqualTo("unknown");
  }
}
