package com.rtx.core.dealing;

import com.rtx.core.conversion.ConversionDirection;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.margin.MarginCalculator;
import com.rtx.core.margin.PnlCalculator;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds of an account's equity and margin over a box of prices (one {@link PriceBand} per
 * symbol the valuation reads), computed with the valuation's own arithmetic at the box's corners.
 *
 * <p>Why corners suffice: a position's floating P&amp;L is non-decreasing in its closing price and,
 * for a fixed sign of the amount, monotone in each conversion rate (multiplying by a rate grows a
 * profit and deepens a loss, dividing does the reverse); rounding (HALF_EVEN, CEILING, the
 * division's 34 digits) keeps order. The direction a conversion takes (CREDIT or DEBIT) is chosen
 * by the sign of the amount, exactly as {@link PnlCalculator} chooses it, so the bound at the
 * extreme closing price is the true extreme. Margin is valued per leg, as
 * {@link MarginCalculator#accountMargin} values it: non-negative, non-decreasing in the leg's
 * opening price (CFD mode) and converted as a DEBIT; the hedged-margin policy only sums and takes
 * maxima. A symbol read twice (a position's own price and a conversion through the same
 * pair) is treated as two independent coordinates, which only widens the bounds.
 *
 * <p>An A-Book order at an LP reserves margin at its sent price; callers do not use these bounds
 * for accounts holding one.
 */
final class ValuationBounds {

  /** Money of an account over a box: {@code equity} and {@code margin} ranges, minor units. */
  record Range(long equityLo, long equityHi, long marginLo, long marginHi) {
  }

  private record Priced(Position position, SymbolTerms terms, List<CurrencyConverter.RouteLeg> pnlLegs) {
  }

  private final AccountState state;
  private final SymbolCatalog catalog;
  private final MarginCalculator margins;
  private final List<Priced> priced = new ArrayList<>();
  /** The margin conversion route of each symbol held (margin is valued per leg, see MarginCalculator). */
  private final Map<String, List<CurrencyConverter.RouteLeg>> marginLegs = new HashMap<>();
  private final Set<String> symbols = new LinkedHashSet<>();
  private final List<String> routeWatch = new ArrayList<>();

  /**
   * @throws IllegalStateException if a position's profit or margin cannot be converted with the
   *     context's quotes (the valuation itself would fail)
   */
  ValuationBounds(AccountState state, DealingContext ctx) {
    this.state = state;
    this.catalog = ctx.symbols();
    this.margins = new AccountTxn(state, ctx).margins(true);
    CurrencyConverter converter = new CurrencyConverter(catalog, ctx.quotes());
    String currency = state.profile().currency();
    // Routes depend on the currency only: looked up once per currency, not per position.
    Map<String, List<CurrencyConverter.RouteLeg>> routes = new HashMap<>();
    for (Position p : state.positions().values()) {
      SymbolTerms terms = catalog.get(p.symbol());
      symbols.add(p.symbol());
      List<CurrencyConverter.RouteLeg> pnl = routes.computeIfAbsent(terms.instrument().quoteCurrency(),
        from -> route(converter, from, currency));
      priced.add(new Priced(p, terms, pnl));
      marginLegs.computeIfAbsent(p.symbol(), s -> routes.computeIfAbsent(margins.conversionNeed(terms).from(),
        from -> route(converter, from, currency)));
    }
  }

  /** The route from {@code from}, its symbols read and its watched unquoted pairs recorded. */
  private List<CurrencyConverter.RouteLeg> route(CurrencyConverter converter, String from, String currency) {
    List<CurrencyConverter.RouteLeg> legs = converter.legs(from, currency).orElseThrow(() -> noRoute(from, currency));
    legs.forEach(l -> symbols.add(l.symbol()));
    routeWatch.addAll(converter.unquotedRouteCandidates(from, currency));
    return legs;
  }

  private static IllegalStateException noRoute(String from, String to) {
    return new IllegalStateException("no conversion from " + from + " to " + to + " with the quotes at hand");
  }

  /** Every symbol whose quote the valuation reads: positions' own and their conversion pairs. */
  Set<String> symbols() {
    return symbols;
  }

  /** Symbols without a quote now whose first quote could re-route a conversion. */
  List<String> routeWatch() {
    return routeWatch;
  }

  /** Equity and margin bounds when every symbol of {@link #symbols} is priced inside {@code box}. */
  Range over(Map<String, PriceBand> box) {
    long fixed = Math.addExact(state.balance(), state.credit());
    long eqLo = fixed;
    long eqHi = fixed;
    for (Priced p : priced) {
      PriceBand own = box.get(p.position().symbol());
      boolean isLong = p.position().side() == Side.BUY;
      eqLo = Math.addExact(eqLo, pnl(p, isLong ? own.bidLo() : own.askHi(), box, true));
      eqHi = Math.addExact(eqHi, pnl(p, isLong ? own.bidHi() : own.askLo(), box, false));
    }
    var positions = state.positions().values();
    long mLo = margins.accountMargin(positions, (terms, side, volume) -> {
      PriceBand own = box.get(terms.symbol());
      return margin(terms, volume, side == Side.BUY ? own.askLo() : own.bidLo(), box, true);
    });
    long mHi = margins.accountMargin(positions, (terms, side, volume) -> {
      PriceBand own = box.get(terms.symbol());
      return margin(terms, volume, side == Side.BUY ? own.askHi() : own.bidHi(), box, false);
    });
    return new Range(eqLo, eqHi, mLo, mHi);
  }

  private long pnl(Priced p, long close, Map<String, PriceBand> box, boolean lower) {
    Position pos = p.position();
    BigDecimal inQuote = PnlCalculator.profitInQuote(p.terms(), pos.side(), pos.volume(), pos.openPrice(),
      p.terms().price(close));
    BigDecimal inAccount = convert(inQuote, ConversionDirection.forSigned(inQuote), p.pnlLegs(), box, lower);
    return Rounding.toMinor(inAccount, state.profile().currency(), Rounding.Purpose.FLOATING_PNL);
  }

  /** A leg's margin ({@code volume} of {@code terms} on one side) at a corner of the box. */
  private long margin(SymbolTerms terms, long volume, long openingPrice, Map<String, PriceBand> box, boolean lower) {
    List<CurrencyConverter.RouteLeg> legs = marginLegs.get(terms.symbol());
    return margins.legMargin(terms, volume, openingPrice,
      amount -> convert(amount, ConversionDirection.DEBIT, legs, box, lower));
  }

  /**
   * The least ({@code lower}) or greatest conversion of {@code amount} through {@code legs} with
   * each leg's rate anywhere in its band: each step is monotone in its input and, for the sign the
   * amount keeps through the route, in its rate, so the extreme composes leg by leg.
   */
  private BigDecimal convert(BigDecimal amount, ConversionDirection direction, List<CurrencyConverter.RouteLeg> legs,
                             Map<String, PriceBand> box, boolean lower) {
    BigDecimal result = amount;
    for (CurrencyConverter.RouteLeg leg : legs) {
      PriceBand band = box.get(leg.symbol());
      boolean bid = CurrencyConverter.usesBid(leg.inverse(), direction);
      // Multiplying a positive amount (or dividing a negative one) grows with the rate.
      boolean growsWithRate = (result.signum() >= 0) != leg.inverse();
      boolean low = growsWithRate == lower;
      long rate = bid ? (low ? band.bidLo() : band.bidHi()) : (low ? band.askLo() : band.askHi());
      result = CurrencyConverter.applyRate(result, catalog.get(leg.symbol()), leg.inverse(), rate);
    }
    return result;
  }
}
