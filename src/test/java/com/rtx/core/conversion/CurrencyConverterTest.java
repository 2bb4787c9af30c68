package com.rtx.core.conversion;

import com.rtx.core.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static com.rtx.core.conversion.ConversionDirection.CREDIT;
import static com.rtx.core.conversion.ConversionDirection.DEBIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quotes: EURUSD 1.10000/1.10010, USDJPY 150.000/150.020, GBPUSD 1.25000/1.25020. */
class CurrencyConverterTest {

  private final CurrencyConverter converter = new CurrencyConverter(Fixtures.catalog(), Fixtures.quotes());

  @Test
  void sameCurrencyIsUnchanged() {
    assertThat(converter.require(new BigDecimal("12.34"), "USD", "USD", CREDIT)).isEqualByComparingTo("12.34");
    assertThat(converter.symbolsUsed("USD", "USD")).isEmpty();
  }

  @Test
  void directPairMultipliesByBidForACreditAndByAskForADebit() {
    // 1,000 EUR -> USD: credit 1,000 x 1.10000 = 1,100.00; debit 1,000 x 1.10010 = 1,100.10.
    assertThat(converter.require(new BigDecimal("1000"), "EUR", "USD", CREDIT)).isEqualByComparingTo("1100.00");
    assertThat(converter.require(new BigDecimal("1000"), "EUR", "USD", DEBIT)).isEqualByComparingTo("1100.10");
  }

  @Test
  void inversePairDividesByAskForACreditAndByBidForADebit() {
    // 50,000 JPY of profit -> USD through USDJPY: 50,000 / 150.020 = 333.2889 (less for the client);
    // 50,000 JPY of loss: 50,000 / 150.000 = 333.3333 (more for the client).
    assertThat(converter.require(new BigDecimal("50000"), "JPY", "USD", CREDIT).setScale(4, RoundingMode.HALF_EVEN))
      .isEqualByComparingTo("333.2889");
    assertThat(converter.require(new BigDecimal("-50000"), "JPY", "USD", DEBIT).setScale(4, RoundingMode.HALF_EVEN))
      .isEqualByComparingTo("-333.3333");
    assertThat(converter.symbolsUsed("JPY", "USD")).containsExactly("USDJPY");
  }

  @Test
  void crossesThroughUsdWhenNoPairLinksTheCurrencies() {
    // 100 GBP -> JPY: GBP->USD on GBPUSD, USD->JPY on USDJPY.
    // credit: 100 x 1.25000 x 150.000 = 18,750; debit: 100 x 1.25020 x 150.020 = 18,755.5004.
    assertThat(converter.require(new BigDecimal("100"), "GBP", "JPY", CREDIT)).isEqualByComparingTo("18750");
    assertThat(converter.require(new BigDecimal("100"), "GBP", "JPY", DEBIT)).isEqualByComparingTo("18755.5004");
    assertThat(converter.symbolsUsed("GBP", "JPY")).containsExactly("GBPUSD", "USDJPY");
  }

  @Test
  void crossWithAnInverseLeg() {
    // 150,000 JPY -> GBP: JPY->USD / 150.020 (credit) then USD->GBP / 1.25020 (credit) = 799.76539 (4 decimals: 799.7654)
    BigDecimal gbp = converter.require(new BigDecimal("150000"), "JPY", "GBP", CREDIT);
    assertThat(gbp.setScale(4, RoundingMode.HALF_EVEN)).isEqualByComparingTo("799.7654");
  }

  @Test
  void reportsMissingRoutes() {
    assertThat(converter.canConvert("CHF", "USD")).isFalse();
    assertThat(converter.convert(BigDecimal.ONE, "CHF", "USD", CREDIT)).isEmpty();
    assertThatThrownBy(() -> converter.require(BigDecimal.ONE, "CHF", "USD", DEBIT))
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("CHF");
  }

  @Test
  void directionFollowsTheSignOfTheAmount() {
    assertThat(ConversionDirection.forSigned(BigDecimal.ONE)).isEqualTo(CREDIT);
    assertThat(ConversionDirection.forSigned(BigDecimal.ZERO)).isEqualTo(CREDIT);
    assertThat(ConversionDirection.forSigned(BigDecimal.ONE.negate())).isEqualTo(DEBIT);
  }
}
