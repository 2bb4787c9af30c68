package com.rtx.core.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Every rounding rule of the engine, written down once.
 *
 * <p><b>Principle: compute exactly, round once.</b> Products of prices, lots and contract sizes
 * are exact {@link BigDecimal}s. The only inexact step before the final rounding is division
 * (by a conversion rate or a leverage), done with {@link #DIVISION} (34 significant digits,
 * IEEE 754 decimal128): its error is 10<sup>-30</sup> of the amount, far below one minor unit of
 * any amount the engine can hold. The result is then rounded exactly once, to the minor unit of
 * the account (or fee) currency, with the mode of its {@link Purpose}:
 *
 * <table>
 *   <caption>Rounding by purpose</caption>
 *   <tr><th>purpose</th><th>mode</th><th>why</th></tr>
 *   <tr><td>realized and floating P&amp;L, swap</td><td>HALF_EVEN</td>
 *     <td>Amounts that can go either way, on every deal. Banker's rounding has no bias, so over
 *     millions of deals neither the house nor the clients gain from rounding (IEEE 754's default
 *     and the usual accounting convention).</td></tr>
 *   <tr><td>commission</td><td>HALF_UP</td>
 *     <td>A published fee ("7 USD per lot per side"): the client can recompute it by hand with the
 *     rounding taught at school, and a half cent is charged, as on a bank's price list.</td></tr>
 *   <tr><td>margin, notional for limit checks</td><td>CEILING</td>
 *     <td>A requirement or a limit: rounding must never let a position open (or stay open) on
 *     less margin than the formula asks for, nor slip under a notional limit.</td></tr>
 * </table>
 *
 * <p>The average open price of a netting position is kept with
 * {@link #AVERAGE_PRICE_EXTRA_DIGITS} more decimals than the instrument's, HALF_EVEN; see
 * {@link #averagePrice}. The margin level shown to people is a percentage with 2 decimals
 * rounded DOWN (never shows a client more headroom than they have); stop-out decisions never use
 * that rounded figure but compare exactly.
 */
public final class Rounding {

  /** What an amount is for; decides its rounding mode. */
  public enum Purpose {
    REALIZED_PNL(RoundingMode.HALF_EVEN),
    FLOATING_PNL(RoundingMode.HALF_EVEN),
    SWAP(RoundingMode.HALF_EVEN),
    COMMISSION(RoundingMode.HALF_UP),
    MARGIN(RoundingMode.CEILING),
    NOTIONAL(RoundingMode.CEILING);

    private final RoundingMode mode;

    Purpose(RoundingMode mode) {
      this.mode = mode;
    }

    public RoundingMode mode() {
      return mode;
    }
  }

  /** Precision of every division (conversion rate, leverage): decimal128, 34 digits, HALF_EVEN. */
  public static final MathContext DIVISION = MathContext.DECIMAL128;

  /** Extra decimals, beyond the instrument's, of a netting position's average open price. */
  public static final int AVERAGE_PRICE_EXTRA_DIGITS = 5;

  /** Decimals of a margin level percentage shown to people. */
  public static final int MARGIN_LEVEL_DIGITS = 2;

  private Rounding() {
  }

  /**
   * {@code amount} of {@code currency} rounded once to its minor unit with the mode of
   * {@code purpose}, in minor units: e.g. 12.345 USD as {@code REALIZED_PNL} is 1234, as
   * {@code COMMISSION} 1235.
   *
   * @throws ArithmeticException if the result does not fit in a {@code long}
   */
  public static long toMinor(BigDecimal amount, String currency, Purpose purpose) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(purpose, "purpose");
    return amount.movePointRight(CurrencyDigits.of(currency)).setScale(0, purpose.mode()).longValueExact();
  }

  /** {@link #toMinor} as {@link Money}. */
  public static Money toMoney(BigDecimal amount, String currency, Purpose purpose) {
    return new Money(currency, toMinor(amount, currency, purpose));
  }

  /** {@code dividend / divisor} with {@link #DIVISION}; the one way the engine divides money. */
  public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
    return dividend.divide(divisor, DIVISION);
  }

  /**
   * The volume-weighted average of two fills of a netting position,
   * {@code (p1 * v1 + p2 * v2) / (v1 + v2)}, with {@code instrumentDigits +}
   * {@link #AVERAGE_PRICE_EXTRA_DIGITS} decimals, HALF_EVEN, trailing zeros stripped. Source: the
   * netting average price of MetaTrader 5 ("Netting system": the position price is the weighted
   * average of the deals that increased it).
   */
  public static BigDecimal averagePrice(BigDecimal p1, long v1, BigDecimal p2, long v2, int instrumentDigits) {
    BigDecimal weighted = p1.multiply(BigDecimal.valueOf(v1)).add(p2.multiply(BigDecimal.valueOf(v2)));
    return weighted.divide(BigDecimal.valueOf(Math.addExact(v1, v2)), instrumentDigits + AVERAGE_PRICE_EXTRA_DIGITS,
      RoundingMode.HALF_EVEN).stripTrailingZeros();
  }

  /**
   * Margin level in percent for people, {@code equity / margin * 100} with
   * {@link #MARGIN_LEVEL_DIGITS} decimals rounded DOWN (towards the lower level, i.e. FLOOR).
   *
   * @param margin must be positive: with no margin the level is undefined
   */
  public static BigDecimal marginLevelPercent(long equityMinor, long marginMinor) {
    if (marginMinor <= 0) {
      throw new IllegalArgumentException("margin level is undefined for margin " + marginMinor);
    }
    return BigDecimal.valueOf(equityMinor).multiply(BigDecimal.valueOf(100))
      .divide(BigDecimal.valueOf(marginMinor), MARGIN_LEVEL_DIGITS, RoundingMode.FLOOR);
  }
}
