package com.rtx.core.market;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Objects;

/**
 * A tradable symbol and the contract terms the engine needs to quote, size and margin it.
 *
 * <p>Prices of this instrument travel as scaled {@code long}s with {@link #digits()} decimals
 * (see {@link Prices}); {@link #format(long)} and {@link #parse(String)} convert them.
 *
 * @param name the symbol, e.g. {@code EURUSD}
 * @param baseCurrency what one unit of the contract is, e.g. {@code EUR} (or {@code XAU})
 * @param quoteCurrency the currency prices are in, e.g. {@code USD}
 * @param digits decimals of a price, 0..{@value Prices#MAX_DIGITS}; one unit of 10^-digits is a "point"
 * @param contractSize units of the base per lot, e.g. 100000 for FX, 100 for XAUUSD
 * @param pipSize the conventional pip, e.g. 0.0001 for EURUSD; a whole number of points
 * @param volumeMin smallest order in lots
 * @param volumeMax largest order in lots
 * @param volumeStep lot increment
 * @param marginCurrency currency the margin is computed in
 * @param marginRate fraction of the notional required as margin: e.g. 0.05 for a 20:1 CFD, or 1
 *     for FX where the account leverage divides the notional (volume * contractSize / leverage)
 * @param assetClass broad kind of instrument
 * @param sessions UTC weekly trading hours
 * @param swapLong overnight swap for long positions, in points (any sign)
 * @param swapShort overnight swap for short positions, in points (any sign)
 * @param tripleSwapDay the day whose rollover charges three days (weekend), usually WEDNESDAY
 * @param enabled whether the instrument is quoted and tradable at all
 */
public record Instrument(
  String name,
  String baseCurrency,
  String quoteCurrency,
  int digits,
  BigDecimal contractSize,
  BigDecimal pipSize,
  BigDecimal volumeMin,
  BigDecimal volumeMax,
  BigDecimal volumeStep,
  String marginCurrency,
  BigDecimal marginRate,
  AssetClass assetClass,
  TradingSessions sessions,
  BigDecimal swapLong,
  BigDecimal swapShort,
  DayOfWeek tripleSwapDay,
  boolean enabled) {

  public Instrument {
    requireText(name, "name");
    requireText(baseCurrency, "baseCurrency");
    requireText(quoteCurrency, "quoteCurrency");
    requireText(marginCurrency, "marginCurrency");
    Prices.checkDigits(digits);
    requirePositive(contractSize, "contractSize");
    requirePositive(pipSize, "pipSize");
    requirePositive(volumeMin, "volumeMin");
    requirePositive(volumeMax, "volumeMax");
    requirePositive(volumeStep, "volumeStep");
    requirePositive(marginRate, "marginRate");
    Objects.requireNonNull(assetClass, "assetClass");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(swapLong, "swapLong");
    Objects.requireNonNull(swapShort, "swapShort");
    Objects.requireNonNull(tripleSwapDay, "tripleSwapDay");
    if (volumeMax.compareTo(volumeMin) < 0) {
      throw new IllegalArgumentException(name + ": volumeMax " + volumeMax + " is below volumeMin " + volumeMin);
    }
    // A pip that is not a whole number of points could not be expressed in scaled prices.
    if (pipSize.movePointRight(digits).stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(name + ": pipSize " + pipSize + " is finer than " + digits + " digits");
    }
  }

  /** {@code units} as a plain decimal with this instrument's digits, e.g. 108123 → "1.08123". */
  public String format(long units) {
    return Prices.format(units, digits);
  }

  /**
   * Parses an exact price with at most this instrument's digits, e.g. "1.08123" → 108123.
   *
   * @throws IllegalArgumentException as {@link Prices#parse(String, int)}
   */
  public long parse(String decimal) {
    return Prices.parse(decimal, digits);
  }

  /** The exact decimal value of {@code units}. */
  public BigDecimal toBigDecimal(long units) {
    return Prices.toBigDecimal(units, digits);
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("instrument " + field + " must not be blank");
    }
  }

  private static void requirePositive(BigDecimal value, String field) {
    if (value == null || value.signum() <= 0) {
      throw new IllegalArgumentException("instrument " + field + " must be positive, got " + value);
    }
  }
}
