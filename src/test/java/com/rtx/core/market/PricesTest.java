package com.rtx.core.market;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricesTest {

  @Test
  void parsesDecimalsIntoScaledUnits() {
    assertThat(Prices.parse("1.08123", 5)).isEqualTo(108123L);
    assertThat(Prices.parse("108.123", 3)).isEqualTo(108123L);
    assertThat(Prices.parse("2345.1", 2)).isEqualTo(234510L);
    assertThat(Prices.parse("7", 3)).isEqualTo(7000L);
    assertThat(Prices.parse("0.00001", 5)).isEqualTo(1L);
    assertThat(Prices.parse("-0.05", 2)).isEqualTo(-5L);
    assertThat(Prices.parse("-0", 2)).isZero();
    assertThat(Prices.parse("42", 0)).isEqualTo(42L);
  }

  @Test
  void parsesTheExtremesOfLong() {
    assertThat(Prices.parse("9223372036854775807", 0)).isEqualTo(Long.MAX_VALUE);
    assertThat(Prices.parse("-92233720368547.75808", 5)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void rejectsMoreDecimalsThanDigitsEvenTrailingZeros() {
    assertThatThrownBy(() -> Prices.parse("1.081234", 5))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.081234").hasMessageContaining("6 decimals");
    assertThatThrownBy(() -> Prices.parse("1.50", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnythingButAPlainDecimal() {
    for (String bad : new String[] {"", " 1.0", "1.0 ", "+1.0", "1e3", "1.", ".5", "1,5", "1.2.3", "abc", "--1", "0x10", "١"}) {
      assertThatThrownBy(() -> Prices.parse(bad, 5)).as("'%s'", bad)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain decimal");
    }
  }

  @Test
  void rejectsValuesThatDoNotFitALong() {
    assertThatThrownBy(() -> Prices.parse("92233720368547.75808", 5))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
  }

  @Test
  void rejectsDigitsOutsideZeroToEighteen() {
    assertThatThrownBy(() -> Prices.parse("1", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Prices.format(1, 19)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsWithExactlyDigitsDecimals() {
    assertThat(Prices.format(108123, 3)).isEqualTo("108.123");
    assertThat(Prices.format(108120, 5)).isEqualTo("1.08120");
    assertThat(Prices.format(-5, 2)).isEqualTo("-0.05");
    assertThat(Prices.format(0, 2)).isEqualTo("0.00");
    assertThat(Prices.format(7, 0)).isEqualTo("7");
    assertThat(Prices.format(1, 5)).isEqualTo("0.00001");
    assertThat(Prices.format(Long.MIN_VALUE, 2)).isEqualTo("-92233720368547758.08");
  }

  @Test
  void formatAndParseRoundTrip() {
    long[] samples = {0, 1, -1, 9, 10, 99, 100, 108123, -108123, 123456789012L, Long.MAX_VALUE, Long.MIN_VALUE};
    for (int digits = 0; digits <= Prices.MAX_DIGITS; digits++) {
      for (long units : samples) {
        assertThat(Prices.parse(Prices.format(units, digits), digits)).as("%d at %d digits", units, digits).isEqualTo(units);
      }
    }
  }

  @Test
  void convertsToBigDecimalWithTheDigitsAsScale() {
    assertThat(Prices.toBigDecimal(108123, 5)).isEqualTo(new BigDecimal("1.08123"));
    assertThat(Prices.toBigDecimal(100, 2)).isEqualTo(new BigDecimal("1.00"));
  }

  @Test
  void convertsFromBigDecimalWithTheGivenRounding() {
    assertThat(Prices.fromBigDecimal(new BigDecimal("1.081235"), 5, RoundingMode.HALF_UP)).isEqualTo(108124L);
    assertThat(Prices.fromBigDecimal(new BigDecimal("1.081235"), 5, RoundingMode.HALF_EVEN)).isEqualTo(108124L);
    assertThat(Prices.fromBigDecimal(new BigDecimal("1.081225"), 5, RoundingMode.HALF_EVEN)).isEqualTo(108122L);
    assertThat(Prices.fromBigDecimal(new BigDecimal("1.081239"), 5, RoundingMode.DOWN)).isEqualTo(108123L);
    assertThat(Prices.fromBigDecimal(new BigDecimal("-0.051"), 2, RoundingMode.FLOOR)).isEqualTo(-6L);
    assertThat(Prices.fromBigDecimal(new BigDecimal("1.5E+2"), 1, RoundingMode.UNNECESSARY)).isEqualTo(1500L);
    assertThat(Prices.fromBigDecimal(new BigDecimal("1.0812300"), 5, RoundingMode.UNNECESSARY)).isEqualTo(108123L);
  }

  @Test
  void fromBigDecimalRefusesToRoundWhenTheModeIsUnnecessary() {
    assertThatThrownBy(() -> Prices.fromBigDecimal(new BigDecimal("1.081235"), 5, RoundingMode.UNNECESSARY))
      .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Prices.fromBigDecimal(new BigDecimal("1E+20"), 0, RoundingMode.UNNECESSARY))
      .isInstanceOf(ArithmeticException.class);
  }
}
