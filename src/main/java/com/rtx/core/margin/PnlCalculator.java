package com.rtx.core.margin;

import com.rtx.core.conversion.ConversionDirection;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.market.Lots;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;
import com.rtx.core.trading.Side;

import java.math.BigDecimal;

/**
 * Profit and loss of a position (or part of one) closed at a price.
 *
 * <p>Formula (MetaTrader 5 Help, "Profit calculation", Forex and CFD modes alike):
 * {@code profit = (closePrice − openPrice) × contractSize × lots} for a long,
 * {@code (openPrice − closePrice) × contractSize × lots} for a short, in the instrument's quote
 * currency. Converted to the account currency with {@link ConversionDirection#forSigned}
 * (a profit at the rate that gives less, a loss at the rate that costs more) and rounded once,
 * HALF_EVEN ({@link Rounding}).
 *
 * <p>Example: long 1 lot EURJPY from 160.000 closed at 160.500 is 0.500 × 100,000 = 50,000 JPY;
 * in a USD account through USDJPY 150.000/150.020 that is 50,000 / 150.020 = 333.29 USD.
 */
public final class PnlCalculator {

  private PnlCalculator() {
  }

  /** The exact profit in the quote currency. */
  public static BigDecimal profitInQuote(SymbolTerms terms, Side side, long volume, BigDecimal openPrice,
                                         BigDecimal closePrice) {
    BigDecimal move = side == Side.BUY ? closePrice.subtract(openPrice) : openPrice.subtract(closePrice);
    return move.multiply(terms.instrument().contractSize()).multiply(Lots.toBigDecimal(volume));
  }

  /**
   * The profit in minor units of {@code accountCurrency}, rounded with {@code purpose}'s mode.
   *
   * @throws IllegalStateException if the quote currency cannot be converted
   */
  public static long profit(SymbolTerms terms, Side side, long volume, BigDecimal openPrice, long closePrice,
                            String accountCurrency, CurrencyConverter converter, Rounding.Purpose purpose) {
    BigDecimal inQuote = profitInQuote(terms, side, volume, openPrice, terms.price(closePrice));
    BigDecimal inAccount = converter.require(inQuote, terms.instrument().quoteCurrency(), accountCurrency,
      ConversionDirection.forSigned(inQuote));
    return Rounding.toMinor(inAccount, accountCurrency, purpose);
  }

  /**
   * {@link #profit} through {@code route}, the converter's route from the quote currency to
   * {@code accountCurrency} looked up once by a caller valuing many positions; same arithmetic,
   * same result.
   */
  public static long profit(SymbolTerms terms, Side side, long volume, BigDecimal openPrice, long closePrice,
                            String accountCurrency, CurrencyConverter.Route route, Rounding.Purpose purpose) {
    BigDecimal inQuote = profitInQuote(terms, side, volume, openPrice, terms.price(closePrice));
    BigDecimal inAccount = route.identity() ? inQuote : route.apply(inQuote, ConversionDirection.forSigned(inQuote));
    return Rounding.toMinor(inAccount, accountCurrency, purpose);
  }
}
