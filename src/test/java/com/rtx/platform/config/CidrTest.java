package com.rtx.platform.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

  @Test
  void ipv4BlockContainsItsAddressesOnly() {
    Cidr block = Cidr.parse("10.1.0.0/16");

    assertThat(block.contains("10.1.0.0")).isTrue();
    assertThat(block.contains("10.1.255.254")).isTrue();
    assertThat(block.contains("10.2.0.1")).isFalse();
    assertThat(block.contains("::1")).isFalse();
    assertThat(block.contains("not-an-address")).isFalse();
    assertThat(block.contains(null)).isFalse();
    assertThat(block).hasToString("10.1.0.0/16");
  }

  @Test
  void bareAddressIsABlockOfOneAndZeroPrefixMatchesEverything() {
    assertThat(Cidr.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
    assertThat(Cidr.parse("127.0.0.1").contains("127.0.0.2")).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
  }

  @Test
  void ipv6Blocks() {
    Cidr block = Cidr.parse("2001:db8::/32");

    assertThat(block.contains("2001:db8:ffff::1")).isTrue();
    assertThat(block.contains("2001:db9::1")).isFalse();
    assertThat(block.contains("10.0.0.1")).isFalse();
  }

  @Test
  void rejectsHostNamesBadPrefixesAndOctets() {
    assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("'example.com/8' is not an IP address block");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length outside 0..32");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> Cidr.parse("300.0.0.1")).hasMessageContaining("not an IP address block");
  }
}
