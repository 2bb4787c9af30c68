package com.rtx.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of one currency, held as a whole number of its minor units
 * ({@link CurrencyDigits}): USD 12.34 is {@code Money("USD", 1234)}, JPY 1500 is
 * {@code Money("JPY", 1500)}.
 *
 * <p>Arithmetic is exact and overflow-checked; amounts of different currencies never mix (that
 * would be a bug, so it throws). Turning a computed {@link BigDecimal} into money is the job of
 * {@link Rounding}, which decides the rounding mode by purpose.
 *
 * @param currency ISO 4217 code
 * @param minor amount in minor units, any sign
 */
public record Money(String currency, long minor) {

  public Money {
    CurrencyDigits.checkCode(currency);
  }

  /** Zero of {@code currency}. */
  public static Money zero(String currency) {
    return new Money(currency, 0);
  }

  /**
   * Parses an exact decimal, e.g. {@code of("USD", "7.00")}; more decimals than the currency
   * has is an error, not a rounding.
   *
   * @throws ArithmeticException if {@code decimal} has more decimals than the currency
   */
  public static Money of(String currency, String decimal) {
    return of(currency, new BigDecimal(decimal));
  }

  /**
   * An exact decimal amount as money.
   *
   * @throws ArithmeticException if {@code amount} has more decimals than the currency
   */
  public static Money of(String currency, BigDecimal amount) {
    int digits = CurrencyDigits.of(currency);
    return new Money(currency, amount.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
  }

  /** Decimals of this currency's minor unit. */
  public int digits() {
    return CurrencyDigits.of(currency);
  }

  /** The exact decimal value, with the currency's scale. */
  public BigDecimal toBigDecimal() {
    return BigDecimal.valueOf(minor, digits());
  }

  public Money plus(Money other) {
    return new Money(currency, Math.addExact(minor, sameCurrency(other).minor));
  }

  public Money minus(Money other) {
    return new Money(currency, Math.subtractExact(minor, sameCurrency(other).minor));
  }

  public Money negate() {
    return new Money(currency, Math.negateExact(minor));
  }

  public int signum() {
    return Long.signum(minor);
  }

  public boolean isZero() {
    return minor == 0;
  }

  /** Plain decimal with the currency's decimals, e.g. {@code "-12.30 USD"}. */
  @Override
  public String toString() {
    return toBigDecimal().toPlainString() + " " + currency;
  }

  private Money sameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
    }
    return other;
  }
}
