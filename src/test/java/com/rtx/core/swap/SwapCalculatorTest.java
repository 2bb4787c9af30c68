package com.rtx.core.swap;

import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked swap examples. Formula: MetaTrader 5 Help, "Swap calculation: in points":
 * lots × contractSize × point × swapPoints × days, in the quote currency, converted by sign.
 */
class SwapCalculatorTest {

  private final CurrencyConverter converter = new CurrencyConverter(Fixtures.catalog(), Fixtures.quotes());

  @Test
  void eurusdLongPaysItsSwapPoints() {
    // 1 lot x 100,000 x 0.00001 x -6.5 = -6.50 USD a day, -19.50 on the triple day
    assertThat(SwapCalculator.swap(Fixtures.EURUSD, true, 100, 1, "USD", converter)).isEqualTo(-650);
    assertThat(SwapCalculator.swap(Fixtures.EURUSD, true, 100, 3, "USD", converter)).isEqualTo(-1_950);
    // short 0.50 lot earns 0.5 x 100,000 x 0.00001 x 1.2 = 0.60 USD
    assertThat(SwapCalculator.swap(Fixtures.EURUSD, false, 50, 1, "USD", converter)).isEqualTo(60);
  }

  @Test
  void jpySwapsAreConvertedByTheirSign() {
    // USDJPY short 1 lot: 100,000 x 0.001 x -25 = -2,500 JPY / 150.000 (bid, a charge) = -16.6667 -> -16.67 USD
    assertThat(SwapCalculator.swap(Fixtures.USDJPY, false, 100, 1, "USD", converter)).isEqualTo(-1_667);
    // USDJPY long 1 lot: 100,000 x 0.001 x 12 = 1,200 JPY / 150.020 (ask, a credit) = 7.99893 -> 8.00 USD
    assertThat(SwapCalculator.swap(Fixtures.USDJPY, true, 100, 1, "USD", converter)).isEqualTo(800);
  }

  @Test
  void goldSwapUsesItsContractAndPoint() {
    // XAUUSD long 1 lot: 100 x 0.01 x -30 = -30.00 USD
    assertThat(SwapCalculator.swap(Fixtures.XAUUSD, true, 100, 1, "USD", converter)).isEqualTo(-3_000);
  }
}
