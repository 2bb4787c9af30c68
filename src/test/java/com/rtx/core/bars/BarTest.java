package com.rtx.core.bars;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarTest {

  @Test
  void aConsistentBarKnowsItsCloseTime() {
    Bar bar = new Bar("EURUSD", Timeframe.M5, 300_000, 10, 12, 9, 11, 12, 14, 11, 13, 4);

    assertThat(bar.closeTimeMillis()).isEqualTo(600_000L);
  }

  @Test
  void rejectsAnOpenTimeNotAlignedToTheTimeframe() {
    assertThatThrownBy(() -> new Bar("EURUSD", Timeframe.M5, 60_000, 10, 12, 9, 11, 12, 14, 11, 13, 4))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not aligned");
  }

  @Test
  void rejectsInconsistentOhlc() {
    assertThatThrownBy(() -> new Bar("EURUSD", Timeframe.M1, 0, 10, 9, 8, 9, 12, 14, 11, 13, 1))
      .as("bid open above high").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bid");
    assertThatThrownBy(() -> new Bar("EURUSD", Timeframe.M1, 0, 10, 12, 9, 11, 12, 14, 11, 10, 1))
      .as("ask close below low").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ask");
    assertThatThrownBy(() -> new Bar("EURUSD", Timeframe.M1, 0, 10, 12, 9, 11, 12, 14, 11, 13, -1))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
