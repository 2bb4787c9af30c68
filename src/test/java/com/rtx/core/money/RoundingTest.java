package com.rtx.core.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundingTest {

  @Test
  void pnlAndSwapRoundHalfEvenSoNeitherSideGainsOnTies() {
    // 0.125 and 0.135 USD: banker's rounding goes to the even cent, once down and once up.
    assertThat(Rounding.toMinor(new BigDecimal("0.125"), "USD", Rounding.Purpose.REALIZED_PNL)).isEqualTo(12);
    assertThat(Rounding.toMinor(new BigDecimal("0.135"), "USD", Rounding.Purpose.REALIZED_PNL)).isEqualTo(14);
    assertThat(Rounding.toMinor(new BigDecimal("-0.125"), "USD", Rounding.Purpose.FLOATING_PNL)).isEqualTo(-12);
    assertThat(Rounding.toMinor(new BigDecimal("-16.666666"), "USD", Rounding.Purpose.SWAP)).isEqualTo(-1667);
  }

  @Test
  void commissionRoundsHalfUpLikeAPublishedFee() {
    // 0.15 lot at 3.50 USD per lot = 0.525 USD: a client computing by hand expects 0.53.
    assertThat(Rounding.toMinor(new BigDecimal("0.525"), "USD", Rounding.Purpose.COMMISSION)).isEqualTo(53);
    assertThat(Rounding.toMinor(new BigDecimal("0.524"), "USD", Rounding.Purpose.COMMISSION)).isEqualTo(52);
  }

  @Test
  void marginAndNotionalRoundUpSoRequirementsAreNeverUnderstated() {
    assertThat(Rounding.toMinor(new BigDecimal("1100.1000001"), "USD", Rounding.Purpose.MARGIN)).isEqualTo(110011);
    assertThat(Rounding.toMinor(new BigDecimal("3666.99999999999999999999"), "USD", Rounding.Purpose.MARGIN))
      .isEqualTo(366700);
    assertThat(Rounding.toMinor(new BigDecimal("10.001"), "USD", Rounding.Purpose.NOTIONAL)).isEqualTo(1001);
  }

  @Test
  void roundsToTheMinorUnitOfEachCurrency() {
    assertThat(Rounding.toMinor(new BigDecimal("1234.5"), "JPY", Rounding.Purpose.REALIZED_PNL)).isEqualTo(1234);
    assertThat(Rounding.toMinor(new BigDecimal("1.0005"), "KWD", Rounding.Purpose.COMMISSION)).isEqualTo(1001);
    assertThat(Rounding.toMoney(new BigDecimal("2.5"), "EUR", Rounding.Purpose.COMMISSION)).isEqualTo(new Money("EUR", 250));
  }

  @Test
  void averagePriceKeepsFiveExtraDigitsHalfEven() {
    // 0.01 lot at 1.10001 and 0.01 lot at 1.10002: exactly 1.100015 (one digit beyond the instrument's 5).
    assertThat(Rounding.averagePrice(new BigDecimal("1.10001"), 1, new BigDecimal("1.10002"), 1, 5))
      .isEqualByComparingTo("1.100015");
    // 1 lot at 1.10000 and 2 lots at 1.10001: 3.30002 / 3 = 1.1000066666.. -> 1.1000066667 (10 decimals).
    assertThat(Rounding.averagePrice(new BigDecimal("1.10000"), 100, new BigDecimal("1.10001"), 200, 5))
      .isEqualByComparingTo("1.1000066667");
  }

  @Test
  void marginLevelIsShownWithTwoDecimalsRoundedDown() {
    // equity 1,000.00 / margin 300.00 = 333.333..% -> 333.33; 2/3 % -> 66.66, never 66.67.
    assertThat(Rounding.marginLevelPercent(100000, 30000)).isEqualByComparingTo("333.33");
    assertThat(Rounding.marginLevelPercent(2, 300)).isEqualByComparingTo("0.66");
    assertThatThrownBy(() -> Rounding.marginLevelPercent(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
