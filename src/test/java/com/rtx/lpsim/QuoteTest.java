package com.rtx.lpsim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoteTest {

  @Test
  void crossedPutsTheSamePricesOnTheWrongSides() {
    Quote quote = new Quote(108_496, 108_504);

    assertThat(quote.crossed()).isEqualTo(new Quote(108_504, 108_496));
    assertThat(quote.crossed().isCrossed()).isTrue();
    assertThat(quote.isCrossed()).isFalse();
    assertThat(new Quote(100, 100).crossed()).isEqualTo(new Quote(101, 100));
  }

  @Test
  void shiftMovesBothSidesAndRefusesNonPositivePrices() {
    assertThat(new Quote(108_496, 108_504).shift(-5000)).isEqualTo(new Quote(103_496, 103_504));
    assertThatThrownBy(() -> new Quote(10, 20).shift(-10)).isInstanceOf(IllegalArgumentException.class);
  }
}
