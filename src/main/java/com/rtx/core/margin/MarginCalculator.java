package com.rtx.core.margin;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.Group;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.conversion.ConversionDirection;
import com.rtx.core.conversion.ConversionNeed;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.market.AssetClass;
import com.rtx.core.market.Lots;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Margin required by positions, in the account currency.
 *
 * <p>Per position (MetaTrader 5 Help, "Margin calculation"):
 * <ul>
 *   <li>FX ({@link AssetClass#FX}, "Forex" mode): {@code lots × contractSize × marginRate /
 *       leverage} in the instrument's margin currency (the base currency), where leverage is
 *       {@code min(account leverage, group leverage, the group's FX cap)}. Example: 1 lot EURUSD
 *       at 1:100 is 1,000 EUR.</li>
 *   <li>Metals and other CFDs ("CFD" mode): {@code lots × contractSize × price × rate} in the quote
 *       currency, where price is the current price of the position's opening side (ask for a
 *       long, bid for a short) and {@code rate = max(marginRate, 1 / cap)} for the asset class's
 *       leverage cap. Example: 1 lot XAUUSD (100 oz) at 2,000.00 with rate 0.05 is 10,000 USD.</li>
 * </ul>
 * Converted into the account currency as a {@link ConversionDirection#DEBIT} and rounded
 * {@link Rounding.Purpose#MARGIN} (CEILING), per position.
 *
 * <p>Per account: the sum over symbols. In a HEDGING account with
 * {@link HedgedMarginMode#LARGER_LEG} a symbol needs the larger of its long and short sides'
 * summed margins; with {@link HedgedMarginMode#FULL}, both. A NETTING account has one side per
 * symbol, so the policy does not matter there.
 */
public final class MarginCalculator {

  private final Group group;
  private final AccountMode mode;
  private final int accountLeverage;
  private final String accountCurrency;
  private final SymbolCatalog catalog;
  private final Quotes quotes;
  private final CurrencyConverter converter;
  private final boolean leverageCaps;

  /**
   * @param leverageCaps whether the group's per-asset-class leverage caps apply (they always do
   *     in production; without them only to tell a client that a cap caused a rejection)
   */
  public MarginCalculator(Group group, AccountMode mode, int accountLeverage, String accountCurrency,
                          SymbolCatalog catalog, Quotes quotes, boolean leverageCaps) {
    this.group = Objects.requireNonNull(group, "group");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.accountLeverage = accountLeverage;
    this.accountCurrency = Objects.requireNonNull(accountCurrency, "accountCurrency");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.quotes = Objects.requireNonNull(quotes, "quotes");
    this.converter = new CurrencyConverter(catalog, quotes);
    this.leverageCaps = leverageCaps;
  }

  /** The same calculator without leverage caps. */
  public MarginCalculator withoutLeverageCaps() {
    return new MarginCalculator(group, mode, accountLeverage, accountCurrency, catalog, quotes, false);
  }

  /**
   * The margin of {@code volume} of {@code terms} on {@code side}, in minor units, rounded up.
   *
   * @throws IllegalStateException if the symbol (CFD mode) or the conversion has no quote
   */
  public long positionMargin(SymbolTerms terms, Side side, long volume) {
    // FX mode needs no price of the symbol itself (only the conversion's).
    long price = isForexMode(terms) ? 0 : side.dealPrice(quotes.get(terms.symbol()));
    BigDecimal amount = marginBeforeConversion(terms, volume, price);
    BigDecimal inAccount = converter.require(amount, conversionNeed(terms).from(), accountCurrency,
      ConversionDirection.DEBIT);
    return Rounding.toMinor(inAccount, accountCurrency, Rounding.Purpose.MARGIN);
  }

  /**
   * The margin of {@code volume} of {@code terms} in the currency of {@link #conversionNeed}, not
   * converted or rounded: FX mode ignores {@code openingPrice}; CFD mode takes it as the price of
   * the position's opening side (ask for a long, bid for a short). Non-negative, and non-decreasing
   * in {@code openingPrice}.
   */
  public BigDecimal marginBeforeConversion(SymbolTerms terms, long volume, long openingPrice) {
    BigDecimal lots = Lots.toBigDecimal(volume);
    BigDecimal contract = terms.instrument().contractSize();
    if (isForexMode(terms)) {
      int leverage = Math.min(accountLeverage, group.leverage());
      if (leverageCaps) {
        leverage = Math.min(leverage, group.limits().leverageCap(AssetClass.FX));
      }
      return Rounding.divide(lots.multiply(contract).multiply(terms.instrument().marginRate()),
        BigDecimal.valueOf(leverage));
    }
    BigDecimal rate = terms.instrument().marginRate();
    int cap = group.limits().leverageCap(terms.instrument().assetClass());
    if (leverageCaps && cap != Integer.MAX_VALUE) {
      rate = rate.max(Rounding.divide(BigDecimal.ONE, BigDecimal.valueOf(cap)));
    }
    return lots.multiply(contract).multiply(terms.price(openingPrice)).multiply(rate);
  }

  /** Whether the margin of {@code terms} depends on its own price (CFD mode) or not (FX mode). */
  public static boolean priceDependent(SymbolTerms terms) {
    return !isForexMode(terms);
  }

  /** The margin of an account holding {@code positions}, with the hedged-margin policy. */
  public long accountMargin(Collection<Position> positions) {
    return accountMargin(positions, p -> positionMargin(catalog.get(p.symbol()), p.side(), p.volume()));
  }

  /**
   * The hedged-margin policy applied to per-position margins given by {@code positionMargin}
   * (sums and maxima only, so it is non-decreasing in each of them).
   */
  public long accountMargin(Collection<Position> positions, ToLongFunction<Position> positionMargin) {
    // TreeMap: the same positions always sum in the same order.
    Map<String, long[]> sides = new TreeMap<>();
    for (Position p : positions) {
      long m = positionMargin.applyAsLong(p);
      long[] buySell = sides.computeIfAbsent(p.symbol(), s -> new long[2]);
      buySell[p.side() == Side.BUY ? 0 : 1] = Math.addExact(buySell[p.side() == Side.BUY ? 0 : 1], m);
    }
    boolean largerLeg = mode == AccountMode.HEDGING && group.hedgedMargin() == HedgedMarginMode.LARGER_LEG;
    long total = 0;
    for (long[] buySell : sides.values()) {
      total = Math.addExact(total, largerLeg ? Math.max(buySell[0], buySell[1]) : Math.addExact(buySell[0], buySell[1]));
    }
    return total;
  }

  /** The conversion a position of {@code terms} needs for its margin. */
  public ConversionNeed conversionNeed(SymbolTerms terms) {
    String from = isForexMode(terms) ? terms.instrument().marginCurrency() : terms.instrument().quoteCurrency();
    return new ConversionNeed(from, accountCurrency);
  }

  private static boolean isForexMode(SymbolTerms terms) {
    return terms.instrument().assetClass() == AssetClass.FX;
  }
}
