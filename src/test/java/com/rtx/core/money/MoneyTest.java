package com.rtx.core.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

  @Test
  void holdsMinorUnitsOfItsCurrency() {
    assertThat(Money.of("USD", "12.34")).isEqualTo(new Money("USD", 1234));
    assertThat(Money.of("JPY", "1500")).isEqualTo(new Money("JPY", 1500));
    assertThat(Money.of("KWD", "1.234").minor()).isEqualTo(1234);
    assertThat(new Money("USD", -5).toString()).isEqualTo("-0.05 USD");
    assertThat(new Money("JPY", 7).toBigDecimal()).isEqualByComparingTo(BigDecimal.valueOf(7));
  }

  @Test
  void refusesMoreDecimalsThanTheCurrencyHasInsteadOfRounding() {
    assertThatThrownBy(() -> Money.of("USD", "0.001")).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Money.of("JPY", "1.5")).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void addsExactlyAndNeverMixesCurrencies() {
    assertThat(Money.of("USD", "0.10").plus(Money.of("USD", "0.20"))).isEqualTo(Money.of("USD", "0.30"));
    assertThat(Money.of("USD", "1.00").minus(Money.of("USD", "2.50")).negate()).isEqualTo(Money.of("USD", "1.50"));
    assertThatThrownBy(() -> Money.of("USD", "1").plus(Money.of("EUR", "1"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Money("USD", Long.MAX_VALUE).plus(new Money("USD", 1)))
      .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void knowsCurrencyDigits() {
    assertThat(CurrencyDigits.of("USD")).isEqualTo(2);
    assertThat(CurrencyDigits.of("JPY")).isZero();
    assertThat(CurrencyDigits.of("KWD")).isEqualTo(3);
    assertThatThrownBy(() -> CurrencyDigits.of("usd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Money("US", 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
