package com.rtx.core.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Conversions between decimal prices and the engine's scaled-{@code long} representation.
 *
 * <p>A price with {@code digits} decimals is held as a whole number of units of
 * 10<sup>-digits</sup>: EURUSD 1.08123 with 5 digits is {@code 108123}. Keeping prices as
 * integers makes comparisons, spreads and markups exact; {@code double} is never used.
 */
public final class Prices {

  /** Largest supported number of decimals: 10^18 still fits in a {@code long}. */
  public static final int MAX_DIGITS = 18;

  // Plain decimal only: no exponent, no grouping, no leading '+', at least one digit before '.'.
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

  private Prices() {
  }

  /**
   * Parses a plain decimal exactly, e.g. {@code parse("1.08123", 5) == 108123} and
   * {@code parse("1.5", 3) == 1500}.
   *
   * @throws IllegalArgumentException if {@code decimal} is not a plain decimal ({@code -?d+(.d+)?}),
   *     has more decimals than {@code digits} (even trailing zeros: the caller chose the wrong
   *     precision), or does not fit in a {@code long}
   */
  public static long parse(String decimal, int digits) {
    checkDigits(digits);
    Objects.requireNonNull(decimal, "decimal");
    if (!PLAIN_DECIMAL.matcher(decimal).matches()) {
      throw new IllegalArgumentException("not a plain decimal: '" + decimal + "'");
    }
    int dot = decimal.indexOf('.');
    int decimals = dot < 0 ? 0 : decimal.length() - dot - 1;
    if (decimals > digits) {
      throw new IllegalArgumentException(
        "'" + decimal + "' has " + decimals + " decimals, more than the " + digits + " allowed");
    }
    try {
      return new BigDecimal(decimal).movePointRight(digits).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + decimal + "' is too large for " + digits + " digits", e);
    }
  }

  /**
   * Formats scaled units as a plain decimal with exactly {@code digits} decimals:
   * {@code format(108123, 3)} is {@code "108.123"}, {@code format(-5, 2)} is {@code "-0.05"},
   * {@code format(7, 0)} is {@code "7"}.
   */
  public static String format(long units, int digits) {
    return toBigDecimal(units, digits).toPlainString();
  }

  /** The exact decimal value of {@code units} (its scale is {@code digits}). */
  public static BigDecimal toBigDecimal(long units, int digits) {
    checkDigits(digits);
    return BigDecimal.valueOf(units, digits);
  }

  /**
   * Converts a decimal to scaled units, rounding with {@code mode} when it has more decimals than
   * {@code digits}. Use {@link RoundingMode#UNNECESSARY} to demand an exact value.
   *
   * @throws ArithmeticException if rounding is needed but {@code mode} is UNNECESSARY, or the
   *     result does not fit in a {@code long}
   */
  public static long fromBigDecimal(BigDecimal v, int digits, RoundingMode mode) {
    checkDigits(digits);
    Objects.requireNonNull(v, "v");
    Objects.requireNonNull(mode, "mode");
    return v.movePointRight(digits).setScale(0, mode).longValueExact();
  }

  static void checkDigits(int digits) {
    if (digits < 0 || digits > MAX_DIGITS) {
      throw new IllegalArgumentException("digits must be 0.." + MAX_DIGITS + ", got " + digits);
    }
  }
}
