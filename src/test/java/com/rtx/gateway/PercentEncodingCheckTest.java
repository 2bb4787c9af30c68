package com.rtx.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentEncodingCheckTest {

  @Test
  void findsThePercentSignsThatAreNotFollowedByTwoHexDigits() {
    assertThat(PercentEncodingCheck.firstBrokenEscape("/api/v1/accounts/100001?before=%41%2f")).isEqualTo(-1);
    assertThat(PercentEncodingCheck.firstBrokenEscape("/api/v1/accounts/%zz")).isEqualTo(17);
    assertThat(PercentEncodingCheck.firstBrokenEscape("/a?x=%")).isEqualTo(5);
    assertThat(PercentEncodingCheck.firstBrokenEscape("/a?x=%4")).isEqualTo(5);
    assertThat(PercentEncodingCheck.firstBrokenEscape("/a/%u0041")).isEqualTo(3);
    assertThat(PercentEncodingCheck.firstBrokenEscape("/plain")).isEqualTo(-1);
  }
}
