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
import java.util.function.UnaryOperator;

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
 * {@link Rounding.Purpose#MARGIN} (CEILING).
 *
 * <p>Per account: by <em>leg</em> — all the volume an account holds of one symbol on one side.
 * Both formulas are linear in the volume and read one price per leg (the symbol's opening side
 * and the conversion's), so a leg's margin is the formula applied once to the leg's summed
 * volume, converted once and rounded up once ("compute exactly, round once", {@link Rounding}).
 * That makes the margin independent of how a leg's volume is split into positions (ten 0.10-lot
 * positions need what one 1.00-lot position needs, never a cent more per position) and its cost
 * independent of the number of positions. It is still CEILING, never below the formula; compared
 * with rounding each position up on its own it is lower by less than one minor unit per position
 * of the leg. In a HEDGING account with {@link HedgedMarginMode#LARGER_LEG} a symbol needs the
 * larger of its long and short legs; with {@link HedgedMarginMode#FULL}, both. A NETTING account
 * has one side per symbol, so the policy does not matter there.
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
    String from = conversionNeed(terms).from();
    return legMargin(terms, volume, price,
      amount -> converter.require(amount, from, accountCurrency, ConversionDirection.DEBIT));
  }

  /**
   * The margin of {@code volume} of {@code terms}, in minor units of the account currency,
   * rounded up: FX mode ignores {@code openingPrice}; CFD mode takes it as the price of the
   * opening side (ask for a long, bid for a short). {@code toAccount} converts an amount of the
   * {@link #conversionNeed} currency into the account currency as a DEBIT, unrounded.
   *
   * <p>The formula's one division (by the leverage in FX mode, by the leverage cap when it sets a
   * CFD's rate) comes after the conversion: products are exact, so a margin that is a whole
   * number of minor units comes out exactly (dividing first, 1/30 rounded to 34 digits and then
   * multiplied by a rate could land a hair above a cent and round up a cent too many).
   * Non-negative, and non-decreasing in {@code openingPrice} and in what {@code toAccount} returns.
   */
  public long legMargin(SymbolTerms terms, long volume, long openingPrice, UnaryOperator<BigDecimal> toAccount) {
    BigDecimal notional = Lots.toBigDecimal(volume).multiply(terms.instrument().contractSize());
    BigDecimal marginRate = terms.instrument().marginRate();
    BigDecimal amount;
    int divisor;
    if (isForexMode(terms)) {
      amount = notional.multiply(marginRate);
      divisor = forexLeverage();
    } else {
      BigDecimal priced = notional.multiply(terms.price(openingPrice));
      int cap = group.limits().leverageCap(terms.instrument().assetClass());
      // rate = max(marginRate, 1 / cap): the cap sets it when marginRate × cap < 1.
      boolean capped = leverageCaps && cap != Integer.MAX_VALUE
        && marginRate.multiply(BigDecimal.valueOf(cap)).compareTo(BigDecimal.ONE) < 0;
      amount = capped ? priced : priced.multiply(marginRate);
      divisor = capped ? cap : 1;
    }
    BigDecimal inAccount = toAccount.apply(amount);
    if (divisor != 1) {
      inAccount = Rounding.divide(inAccount, BigDecimal.valueOf(divisor));
    }
    return Rounding.toMinor(inAccount, accountCurrency, Rounding.Purpose.MARGIN);
  }

  /** FX mode's leverage: the account's, the group's and (with caps) the group's FX cap, the lowest. */
  private int forexLeverage() {
    int leverage = Math.min(accountLeverage, group.leverage());
    return leverageCaps ? Math.min(leverage, group.limits().leverageCap(AssetClass.FX)) : leverage;
  }

  /** Whether the margin of {@code terms} depends on its own price (CFD mode) or not (FX mode). */
  public static boolean priceDependent(SymbolTerms terms) {
    return !isForexMode(terms);
  }

  /** The margin of an account holding {@code positions}, with the hedged-margin policy. */
  public long accountMargin(Collection<Position> positions) {
    return accountMargin(positions, this::positionMargin);
  }

  /** The margin of one leg: {@code volume}, all that an account holds of a symbol on one side. */
  @FunctionalInterface
  public interface LegMargin {
    long margin(SymbolTerms terms, Side side, long volume);
  }

  /**
   * The hedged-margin policy applied to the legs of {@code positions}, each leg's margin given by
   * {@code legMargin} for its summed volume (sums and maxima only, so it is non-decreasing in
   * each leg's margin). One call of {@code legMargin} per leg with volume, whatever the number of
   * positions.
   */
  public long accountMargin(Collection<Position> positions, LegMargin legMargin) {
    if (positions.isEmpty()) {
      return 0;
    }
    // TreeMap: the legs are always valued in the same order (a leg's margin may throw for a missing quote).
    Map<String, long[]> volumes = new TreeMap<>();
    for (Position p : positions) {
      long[] buySell = volumes.computeIfAbsent(p.symbol(), s -> new long[2]);
      int i = p.side() == Side.BUY ? 0 : 1;
      buySell[i] = Math.addExact(buySell[i], p.volume());
    }
    boolean largerLeg = mode == AccountMode.HEDGING && group.hedgedMargin() == HedgedMarginMode.LARGER_LEG;
    long total = 0;
    for (Map.Entry<String, long[]> e : volumes.entrySet()) {
      SymbolTerms terms = catalog.get(e.getKey());
      long[] v = e.getValue();
      long buy = v[0] == 0 ? 0 : legMargin.margin(terms, Side.BUY, v[0]);
      long sell = v[1] == 0 ? 0 : legMargin.margin(terms, Side.SELL, v[1]);
      total = Math.addExact(total, largerLeg ? Math.max(buy, sell) : Math.addExact(buy, sell));
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
