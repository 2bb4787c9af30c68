package com.rtx.core.margin;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** equity = balance + credit + floating; free margin = equity − margin; level = equity / margin × 100. */
class MarginSnapshotTest {

  @Test
  void equityFreeMarginAndLevel() {
    // balance 10,000.00, credit 500.00, floating -1,250.00, margin 2,200.20
    MarginSnapshot s = new MarginSnapshot("USD", 1_000_000, 50_000, -125_000, 220_020);
    assertThat(s.equity()).isEqualTo(925_000); // 9,250.00
    assertThat(s.freeMargin()).isEqualTo(704_980); // 7,049.80
    // 9,250.00 / 2,200.20 x 100 = 420.4163..% -> 420.41
    assertThat(s.marginLevel()).contains(new BigDecimal("420.41"));
  }

  @Test
  void levelIsUndefinedWithoutMarginAndNeverAtAnyStopOut() {
    MarginSnapshot flat = new MarginSnapshot("USD", -100, 0, 0, 0);
    assertThat(flat.marginLevel()).isEmpty();
    assertThat(flat.isAtOrBelow(new BigDecimal("50"))).isFalse();
  }

  @Test
  void stopOutComparisonIsExactNotOnTheRoundedLevel() {
    // equity 500.00, margin 1,000.00: exactly 50% is at the level
    assertThat(new MarginSnapshot("USD", 50_000, 0, 0, 100_000).isAtOrBelow(new BigDecimal("50"))).isTrue();
    // equity 500.01: 50.001% shows as 50.00 but is above the level
    MarginSnapshot above = new MarginSnapshot("USD", 50_001, 0, 0, 100_000);
    assertThat(above.marginLevel()).contains(new BigDecimal("50.00"));
    assertThat(above.isAtOrBelow(new BigDecimal("50"))).isFalse();
    // negative equity is below any level
    assertThat(new MarginSnapshot("USD", 100, 0, -200, 100).isAtOrBelow(BigDecimal.ZERO)).isTrue();
  }
}
