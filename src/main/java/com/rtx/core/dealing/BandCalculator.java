package com.rtx.core.dealing;

import com.rtx.core.account.Group;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes an account's {@link QuoteBand}: the trigger levels of its stops, trailing stops and
 * orders bound each symbol's prices, and the margin-call and stop-out levels bound how far the
 * prices its valuation reads may move together.
 *
 * <p>The margin part: at the current prices the account has a slack against each level it must
 * not cross ({@code equity × 100 − level × margin}, positive above the level). A probe box of
 * 0.1&nbsp;% around every price measures how much slack such a move can consume at worst; the band
 * widens every price by the same multiple of the probe that spends {@value #SAFETY_PERCENT}&nbsp;%
 * of the least slack — one headroom shared by all the account's symbols, whichever of them moves —
 * capped at 25&nbsp;% of the price. The box is then checked exactly with {@link ValuationBounds}
 * (worst equity against worst margin at once); if it fails (conversions make the valuation
 * non-linear), the widths are halved and checked again, and after {@value #ATTEMPTS} failures
 * there is no band.
 *
 * <p>No band at all (the account is processed on every quote) when: it has an order at an LP; a
 * price, conversion or trigger it needs is missing or already reached; it sits at or across a
 * level at the current prices (a margin call to raise or clear, a stop-out to run, a negative
 * balance to reset).
 */
final class BandCalculator {

  static final int SAFETY_PERCENT = 90;
  static final int ATTEMPTS = 5;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final long PROBE_DIVISOR = 1_000;
  private static final long CAP_DIVISOR = 4;

  private BandCalculator() {
  }

  /** The band of {@code state} at {@code ctx}, or empty if it must be processed on every quote. */
  static Optional<QuoteBand> compute(AccountState state, DealingContext ctx) {
    return compute(state, ctx, SAFETY_PERCENT);
  }

  /**
   * With another share of the slack spent by the first box tried. Safety never depends on it (each
   * box is checked exactly); tests use shares above 100 % so that the exact check is what decides.
   */
  static Optional<QuoteBand> compute(AccountState state, DealingContext ctx, int safetyPercent) {
    if (!state.lpOrders().isEmpty()) {
      return Optional.empty();
    }
    Map<String, PriceBand> bands = triggerBands(state, ctx);
    if (bands == null) {
      return Optional.empty();
    }
    List<String> unquoted = List.of();
    if (state.positions().isEmpty()) {
      // Margin control then only clears a margin call or resets a negative balance (see MarginControl).
      if (state.marginCallActive() || (ctx.group().negativeBalanceProtection() && state.balance() < 0)) {
        return Optional.empty();
      }
    } else {
      ValuationBounds valuation;
      try {
        valuation = new ValuationBounds(state, ctx);
      } catch (RuntimeException e) {
        return Optional.empty(); // a conversion the valuation cannot make: processing reports it
      }
      Map<String, PriceBand> margin = marginBands(state, ctx, valuation, bands, safetyPercent);
      if (margin == null) {
        return Optional.empty();
      }
      margin.forEach((symbol, band) -> bands.merge(symbol, band, PriceBand::intersect));
      unquoted = valuation.routeWatch();
    }
    Instant expiry = null;
    for (Order o : state.orders().values()) {
      if (o.expireAt() != null && (expiry == null || o.expireAt().isBefore(expiry))) {
        expiry = o.expireAt();
      }
    }
    return Optional.of(new QuoteBand(state, ctx.group(), ctx.symbols(), expiry, new ArrayList<>(bands.values()),
      unquoted));
  }

  /**
   * Per symbol of a position or order, the prices at which none of its stops, trailing stops or
   * orders acts (the conditions of {@link TriggerEngine}, inclusive, so the band stops one point
   * short). Null if a symbol has no quote or its current quote is outside its band.
   */
  private static Map<String, PriceBand> triggerBands(AccountState state, DealingContext ctx) {
    Map<String, PriceBand> bands = new LinkedHashMap<>();
    for (Position p : state.positions().values()) {
      bands.put(p.symbol(), positionBand(bands.getOrDefault(p.symbol(), PriceBand.unbounded(p.symbol())), p));
    }
    for (Order o : state.orders().values()) {
      bands.put(o.symbol(), orderBand(bands.getOrDefault(o.symbol(), PriceBand.unbounded(o.symbol())), o));
    }
    for (PriceBand band : bands.values()) {
      AggregatedQuote q = ctx.quotes().bySymbol().get(band.symbol());
      if (q == null || !band.contains(q)) {
        return null;
      }
    }
    return bands;
  }

  private static PriceBand positionBand(PriceBand band, Position p) {
    long sl = p.sl();
    long d = p.trailingPoints();
    if (p.side() == Side.BUY) { // watches the bid
      if (sl != 0) {
        band = band.bidAtLeast(PriceBand.saturatedAdd(sl, 1));
      }
      if (p.tp() != 0) {
        band = band.bidAtMost(p.tp() - 1);
      }
      if (d != 0) {
        // The stop moves once bid − d passes it (or is positive, with no stop yet).
        band = band.bidAtMost(PriceBand.saturatedAdd(sl, d));
      }
      return band;
    }
    if (sl != 0) { // a short watches the ask
      band = band.askAtMost(sl - 1);
    }
    if (p.tp() != 0) {
      band = band.askAtLeast(PriceBand.saturatedAdd(p.tp(), 1));
    }
    if (d != 0) {
      // With a stop: it moves once ask + d is below it. Without: it moves unless ask + d overflows.
      band = band.askAtLeast(sl != 0 ? sl - d : PriceBand.saturatedAdd(Long.MAX_VALUE - d, 1));
    }
    return band;
  }

  private static PriceBand orderBand(PriceBand band, Order o) {
    long price = o.activePrice();
    boolean limit = o.activeType() == OrderType.LIMIT;
    if (o.side() == Side.BUY) { // watches the ask: a LIMIT triggers at or below, a STOP at or above
      return limit ? band.askAtLeast(PriceBand.saturatedAdd(price, 1)) : band.askAtMost(price - 1);
    }
    return limit ? band.bidAtMost(price - 1) : band.bidAtLeast(PriceBand.saturatedAdd(price, 1));
  }

  /**
   * The box of the valuation's symbols inside which the account stays on its side of every level,
   * checked exactly; null if there is none.
   */
  private static Map<String, PriceBand> marginBands(AccountState state, DealingContext ctx, ValuationBounds valuation,
                                                   Map<String, PriceBand> triggers, int safetyPercent) {
    Map<String, AggregatedQuote> now = new HashMap<>();
    Map<String, PriceBand> point = new HashMap<>();
    Map<String, PriceBand> probe = new HashMap<>();
    for (String symbol : valuation.symbols()) {
      AggregatedQuote q = ctx.quotes().bySymbol().get(symbol);
      if (q == null) {
        return null;
      }
      now.put(symbol, q);
      point.put(symbol, PriceBand.at(q));
      probe.put(symbol, PriceBand.around(q, probeWidth(q)));
    }
    Levels levels = new Levels(ctx.group(), state.marginCallActive());
    ValuationBounds.Range atPoint = valuation.over(point);
    if (!levels.hold(atPoint)) {
      return null;
    }
    BigDecimal multiple = levels.probeMultiple(atPoint, valuation.over(probe), BigDecimal.valueOf(safetyPercent, 2));
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Map<String, PriceBand> box = new HashMap<>();
      for (AggregatedQuote q : now.values()) {
        PriceBand band = PriceBand.around(q, width(q, multiple));
        PriceBand trigger = triggers.get(q.symbol());
        box.put(q.symbol(), trigger == null ? band : band.intersect(trigger));
      }
      if (levels.hold(valuation.over(box))) {
        return box;
      }
      multiple = (multiple == null ? BigDecimal.valueOf(PROBE_DIVISOR / CAP_DIVISOR) : multiple).divide(BigDecimal.valueOf(2));
    }
    return null;
  }

  private static long probeWidth(AggregatedQuote q) {
    return Math.max(1, q.bid() / PROBE_DIVISOR);
  }

  /** {@code multiple} probe widths (null: unbounded), at most a quarter of the price. */
  private static long width(AggregatedQuote q, BigDecimal multiple) {
    long cap = Math.max(1, q.bid() / CAP_DIVISOR);
    if (multiple == null) {
      return cap;
    }
    BigDecimal w = BigDecimal.valueOf(probeWidth(q)).multiply(multiple).setScale(0, RoundingMode.FLOOR);
    return w.compareTo(BigDecimal.valueOf(cap)) >= 0 ? cap : w.longValueExact();
  }

  /**
   * The levels an account must stay on its side of: above the stop-out level; above the
   * margin-call level, or, with a margin call raised, at or below it.
   */
  private record Levels(Group group, boolean marginCallActive) {

    boolean hold(ValuationBounds.Range r) {
      if (worstAbove(r, group.stopOutLevel()).signum() <= 0) {
        return false;
      }
      if (!marginCallActive) {
        return worstAbove(r, group.marginCallLevel()).signum() > 0;
      }
      // MarginSnapshot.isAtOrBelow is false with no margin: a zero margin would clear the call.
      return r.marginLo() > 0 && bestAbove(r, group.marginCallLevel()).signum() <= 0;
    }

    /**
     * How many probe boxes the account's least slack affords (null: the probe consumed none):
     * slack at the current prices over what the probe consumed at worst, times the safety share.
     */
    BigDecimal probeMultiple(ValuationBounds.Range now, ValuationBounds.Range probe, BigDecimal share) {
      BigDecimal least = ratio(worstAbove(now, group.stopOutLevel()),
        worstAbove(now, group.stopOutLevel()).subtract(worstAbove(probe, group.stopOutLevel())), null);
      if (!marginCallActive) {
        BigDecimal slack = worstAbove(now, group.marginCallLevel());
        least = ratio(slack, slack.subtract(worstAbove(probe, group.marginCallLevel())), least);
      } else {
        BigDecimal slack = bestAbove(now, group.marginCallLevel()).negate();
        least = ratio(slack, bestAbove(probe, group.marginCallLevel()).add(slack), least);
      }
      return least == null ? null : least.multiply(share);
    }

    private static BigDecimal ratio(BigDecimal slack, BigDecimal consumed, BigDecimal least) {
      if (consumed.signum() <= 0) {
        return least;
      }
      BigDecimal r = slack.divide(consumed, MathContext.DECIMAL64);
      return least == null || r.compareTo(least) < 0 ? r : least;
    }

    /** {@code equity × 100 − level × margin} at its lowest over the range. */
    private static BigDecimal worstAbove(ValuationBounds.Range r, BigDecimal level) {
      return BigDecimal.valueOf(r.equityLo()).multiply(HUNDRED).subtract(level.multiply(BigDecimal.valueOf(r.marginHi())));
    }

    /** {@code equity × 100 − level × margin} at its highest over the range. */
    private static BigDecimal bestAbove(ValuationBounds.Range r, BigDecimal level) {
      return BigDecimal.valueOf(r.equityHi()).multiply(HUNDRED).subtract(level.multiply(BigDecimal.valueOf(r.marginLo())));
    }
  }
}
