package com.rtx.lpsim;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One instrument the simulator quotes. Every price is a {@code long} count of points
 * ("units"), where one point is {@code 10^-digits}: EURUSD 1.08500 is 108500 units at 5 digits.
 * Conversion to and from decimal text goes through {@link BigDecimal} with the instrument's scale,
 * never through {@code double}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param symbol              FIX Symbol (55), e.g. {@code EURUSD}
 * @param digits              decimals of a quoted price (5 for most FX, 3 for JPY pairs, 2 for gold)
 * @param startMid            the market mid the random walk starts from and reverts to, in units
 * @param spreadPoints        base spread in points; an LP multiplies it by its spread factor
 * @param volatilityMilliPoints standard deviation of the market mid per 100 ms step, in 1/1000 point
 * @param quoteSize           MDEntrySize (271) quoted on both sides, in instrument units
 */
public record SimInstrument(String symbol, int digits, long startMid, long spreadPoints, long volatilityMilliPoints,
                            long quoteSize) {

  /** Largest scale accepted: beyond it a {@code long} of units stops being a comfortable range. */
  static final int MAX_DIGITS = 8;

  public SimInstrument {
    if (symbol == null || !symbol.matches("[A-Z0-9]{1,16}")) {
      throw new IllegalArgumentException("symbol must be 1-16 capital letters or digits, got " + symbol);
    }
    if (digits < 0 || digits > MAX_DIGITS) {
      throw new IllegalArgumentException(symbol + ": digits must be 0.." + MAX_DIGITS + ", got " + digits);
    }
    if (startMid <= 0 || spreadPoints < 1 || volatilityMilliPoints < 0 || quoteSize < 1) {
      throw new IllegalArgumentException(symbol + ": start-mid > 0, spread-points >= 1, volatility-points >= 0 "
        + "and quote-size >= 1 are required");
    }
  }

  /** The decimal price of {@code units}, with exactly {@link #digits} decimals ("1.08500", not "1.085"). */
  public BigDecimal price(long units) {
    return BigDecimal.valueOf(units, digits);
  }

  /**
   * The units of {@code price}.
   *
   * @throws ArithmeticException when {@code price} has more decimals than the instrument quotes
   */
  public long units(BigDecimal price) {
    return price.setScale(digits, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }
}
