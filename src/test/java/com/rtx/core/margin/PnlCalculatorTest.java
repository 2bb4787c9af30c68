package com.rtx.core.margin;

import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.money.Rounding;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked P&amp;L examples. Formula: MetaTrader 5 Help, "Profit calculation":
 * (close − open) × contractSize × lots for a long, (open − close) × ... for a short, in the quote
 * currency, then converted (profit at the rate giving less, loss at the rate costing more).
 */
class PnlCalculatorTest {

  private final CurrencyConverter converter = new CurrencyConverter(Fixtures.catalog(), Fixtures.quotes());

  @Test
  void eurusdLongInAUsdAccountNeedsNoConversion() {
    // long 1 lot from 1.10010 closed at 1.10510: 0.00500 x 100,000 x 1 = 500.00 USD
    long pnl = PnlCalculator.profit(Fixtures.EURUSD, Side.BUY, 100, new BigDecimal("1.10010"), 110_510, "USD",
      converter, Rounding.Purpose.REALIZED_PNL);
    assertThat(pnl).isEqualTo(50_000);
  }

  @Test
  void eurusdShortLossOfATenthLot() {
    // short 0.10 lot from 1.10000 closed at 1.10250: (1.10000 - 1.10250) x 100,000 x 0.10 = -25.00 USD
    long pnl = PnlCalculator.profit(Fixtures.EURUSD, Side.SELL, 10, new BigDecimal("1.10000"), 110_250, "USD",
      converter, Rounding.Purpose.REALIZED_PNL);
    assertThat(pnl).isEqualTo(-2_500);
  }

  @Test
  void eurjpyProfitInAUsdAccountConvertsThroughUsdjpyAtTheAsk() {
    // long 1 lot EURJPY from 165.030 closed at 165.530: 0.500 x 100,000 = 50,000 JPY
    // 50,000 / 150.020 (USDJPY ask: a profit converts at the rate giving less) = 333.2889 -> 333.29 USD
    long pnl = PnlCalculator.profit(Fixtures.EURJPY, Side.BUY, 100, new BigDecimal("165.030"), 165_530, "USD",
      converter, Rounding.Purpose.REALIZED_PNL);
    assertThat(pnl).isEqualTo(33_329);
  }

  @Test
  void eurjpyLossInAUsdAccountConvertsThroughUsdjpyAtTheBid() {
    // long 1 lot from 165.530 closed at 165.030: -50,000 JPY / 150.000 (bid) = -333.3333 -> -333.33 USD
    long pnl = PnlCalculator.profit(Fixtures.EURJPY, Side.BUY, 100, new BigDecimal("165.530"), 165_030, "USD",
      converter, Rounding.Purpose.REALIZED_PNL);
    assertThat(pnl).isEqualTo(-33_333);
  }

  @Test
  void goldUsesItsOwnContractSize() {
    // short 0.50 lot XAUUSD (100 oz) from 2000.00 closed at 1990.50: 9.50 x 100 x 0.5 = 475.00 USD
    long pnl = PnlCalculator.profit(Fixtures.XAUUSD, Side.SELL, 50, new BigDecimal("2000.00"), 199_050, "USD",
      converter, Rounding.Purpose.REALIZED_PNL);
    assertThat(pnl).isEqualTo(47_500);
  }

  @Test
  void usdjpyProfitInAJpyAccountIsWholeYen() {
    // long 0.01 lot from 150.020 closed at 150.055:
    // 0.035 x 100,000 x 0.01 = 35 JPY exactly
    long pnl = PnlCalculator.profit(Fixtures.USDJPY, Side.BUY, 1, new BigDecimal("150.020"), 150_055, "JPY",
      converter, Rounding.Purpose.REALIZED_PNL);
    assertThat(pnl).isEqualTo(35);
  }
}
