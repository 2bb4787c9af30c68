package com.rtx.core.swap;

import com.rtx.core.conversion.ConversionDirection;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.market.Lots;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;

import java.math.BigDecimal;

/**
 * The swap of one position at one roll-over, in the account currency.
 *
 * <p>Formula, swap "in points" (MetaTrader 5 Help, "Swap calculation: in points"):
 * {@code swap = lots × contractSize × point × swapPoints × days} in the quote currency, where
 * {@code swapPoints} is the instrument's {@code swapLong} for a long position and
 * {@code swapShort} for a short one (any sign: negative is a charge) and {@code days} is
 * {@link Rollover#swapDays}. Converted to the account currency with
 * {@link ConversionDirection#forSigned} (a credit at the rate that gives less, a charge at the
 * rate that costs more) and rounded once, {@link Rounding.Purpose#SWAP} (HALF_EVEN).
 *
 * <p>Example: 1 lot EURUSD long, swapLong −6.5 points, 5 digits: 1 × 100,000 × 0.00001 × −6.5 =
 * −6.50 USD a day, −19.50 USD on the triple-swap day.
 */
public final class SwapCalculator {

  private SwapCalculator() {
  }

  /**
   * The signed swap in minor units of {@code accountCurrency}.
   *
   * @param isLong whether the position is long (BUY)
   * @param volume position volume in {@link Lots} units
   * @param days financing days, {@code >= 1}
   * @throws IllegalStateException if the quote currency cannot be converted
   */
  public static long swap(SymbolTerms terms, boolean isLong, long volume, int days, String accountCurrency,
                          CurrencyConverter converter) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, got " + days);
    }
    BigDecimal points = isLong ? terms.instrument().swapLong() : terms.instrument().swapShort();
    BigDecimal inQuote = Lots.toBigDecimal(volume).multiply(terms.instrument().contractSize())
      .multiply(terms.point()).multiply(points).multiply(BigDecimal.valueOf(days));
    BigDecimal inAccount = converter.require(inQuote, terms.instrument().quoteCurrency(), accountCurrency,
      ConversionDirection.forSigned(inQuote));
    return Rounding.toMinor(inAccount, accountCurrency, Rounding.Purpose.SWAP);
  }
}
