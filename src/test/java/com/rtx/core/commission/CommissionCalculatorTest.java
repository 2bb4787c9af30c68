package com.rtx.core.commission;

import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.money.Money;
import com.rtx.core.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Worked commission examples, per side. Sources: MT5 group commission "per lot" and
 * "per volume (turnover)"; cTrader "per 1 million USD traded". Conversion as a debit, HALF_UP.
 */
class CommissionCalculatorTest {

  private final CurrencyConverter converter = new CurrencyConverter(Fixtures.catalog(), Fixtures.quotes());

  @Test
  void perLotInTheAccountCurrency() {
    CommissionPolicy p = new CommissionPolicy.PerLot(Money.of("USD", "3.50"));
    // 0.10 lot x 3.50 = 0.35 USD
    assertThat(CommissionCalculator.commission(p, Fixtures.EURUSD, 10, 110_010, "USD", converter)).isEqualTo(35);
    // 0.15 lot x 3.50 = 0.525 -> HALF_UP 0.53
    assertThat(CommissionCalculator.commission(p, Fixtures.EURUSD, 15, 110_010, "USD", converter)).isEqualTo(53);
  }

  @Test
  void perLotInAnotherCurrencyIsConvertedAsADebit() {
    CommissionPolicy p = new CommissionPolicy.PerLot(Money.of("EUR", "3.50"));
    // 1 lot x 3.50 EUR = 3.50 EUR x 1.10010 (EURUSD ask) = 3.850350 -> 3.85 USD
    assertThat(CommissionCalculator.commission(p, Fixtures.XAUUSD, 100, 200_050, "USD", converter)).isEqualTo(385);
  }

  @Test
  void perMillionOfNotional() {
    CommissionPolicy p = new CommissionPolicy.PerMillion(Money.of("USD", "25.00"));
    // 1 lot EURUSD at 1.10010: notional 110,010 USD x 25 / 1,000,000 = 2.75025 -> 2.75 USD
    assertThat(CommissionCalculator.commission(p, Fixtures.EURUSD, 100, 110_010, "USD", converter)).isEqualTo(275);
    // 2 lots XAUUSD at 2000.50: notional 400,100 USD -> 10.0025 -> 10.00 USD
    assertThat(CommissionCalculator.commission(p, Fixtures.XAUUSD, 200, 200_050, "USD", converter)).isEqualTo(1_000);
  }

  @Test
  void perMillionConvertsANotionalInTheQuoteCurrency() {
    CommissionPolicy p = new CommissionPolicy.PerMillion(Money.of("USD", "25.00"));
    // 1 lot USDJPY at 150.020: notional 15,002,000 JPY / 150.000 (debit) = 100,013.33 USD
    // x 25 / 1,000,000 = 2.5003333 -> 2.50 USD
    assertThat(CommissionCalculator.commission(p, Fixtures.USDJPY, 100, 150_020, "USD", converter)).isEqualTo(250);
    // same in a JPY account: 2.5003333 USD x 150.020 (USDJPY ask, debit) = 375.10 -> 375 JPY
    assertThat(CommissionCalculator.commission(p, Fixtures.USDJPY, 100, 150_020, "JPY", converter)).isEqualTo(375);
  }

  @Test
  void noCommissionPolicyChargesNothing() {
    assertThat(CommissionCalculator.commission(CommissionPolicy.none(), Fixtures.EURUSD, 100, 110_010, "USD", converter))
      .isZero();
  }

  @Test
  void ratesMustNotBeNegative() {
    assertThatThrownBy(() -> new CommissionPolicy.PerLot(Money.of("USD", "-1")))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
