package com.rtx.gateway;

import com.rtx.platform.config.Cidr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

  private final ClientAddress behindIngress = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.0.2.7")));

  @Test
  void withoutTrustedProxiesTheTcpPeerIsTheClientWhateverTheHeaderSays() {
    ClientAddress none = new ClientAddress(List.of());

    assertThat(none.resolve("10.1.2.3", List.of("203.0.113.5"))).isEqualTo("10.1.2.3");
  }

  @Test
  void aHeaderFromAnUntrustedPeerIsIgnored() {
    assertThat(behindIngress.resolve("198.51.100.9", List.of("203.0.113.5"))).isEqualTo("198.51.100.9");
  }

  @Test
  void fromATrustedPeerTheRightMostUntrustedHopIsTheClient() {
    assertThat(behindIngress.resolve("10.1.2.3", List.of("203.0.113.5"))).isEqualTo("203.0.113.5");
    // The client wrote "1.1.1.1" itself; the ingress appended the address it saw.
    assertThat(behindIngress.resolve("10.1.2.3", List.of("1.1.1.1, 203.0.113.5"))).isEqualTo("203.0.113.5");
    // Two proxies of ours: the CDN address 192.0.2.7 is skipped.
    assertThat(behindIngress.resolve("10.1.2.3", List.of("1.1.1.1, 203.0.113.5", "192.0.2.7"))).isEqualTo("203.0.113.5");
    assertThat(behindIngress.resolve("10.1.2.3", List.of("[2001:db8::1]", "203.0.113.5:4711"))).isEqualTo("203.0.113.5");
    assertThat(behindIngress.resolve("10.1.2.3", List.of("2001:db8::1"))).isEqualTo("2001:db8::1");
  }

  @Test
  void fromATrustedPeerWithoutAUsableHeaderTheLastTrustedHopIsTheClient() {
    assertThat(behindIngress.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    assertThat(behindIngress.resolve("10.1.2.3", List.of("10.9.9.9"))).isEqualTo("10.9.9.9");
    assertThat(behindIngress.resolve("10.1.2.3", List.of("evil.example, 10.9.9.9"))).isEqualTo("10.9.9.9");
    assertThat(behindIngress.resolve("10.1.2.3", List.of("not an address"))).isEqualTo("10.1.2.3");
  }
}
