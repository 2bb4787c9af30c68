package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountProfile;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.Group;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ValuationBounds} bound the real valuation: for random positions (both sides, FX and CFD,
 * accounts in USD, EUR and JPY, hedged margin either way) and random boxes around the quotes, the
 * equity and margin {@link AccountState#snapshot} computes at any prices inside the box — the
 * corners above all, where a wrong extreme shows — lie within the bounds; and at a box of one
 * point the bounds are the valuation itself.
 */
class ValuationBoundsProperties {

  private static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "EURJPY", "GBPUSD", "XAUUSD", "US500");
  private static final SymbolCatalog CATALOG = Fixtures.catalog();

  record Holding(String symbol, Side side, long volume, int openBps) {
  }

  @Provide
  Arbitrary<List<Holding>> holdings() {
    return Combinators.combine(Arbitraries.of(SYMBOLS), Arbitraries.of(Side.class), Arbitraries.longs().between(1, 500),
      Arbitraries.integers().between(-500, 500)).as(Holding::new).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 500)
  void theValuationInsideABoxLiesWithinItsBounds(@ForAll("holdings") List<Holding> holdings,
                                                 @ForAll AccountMode mode, @ForAll HedgedMarginMode hedged,
                                                 @ForAll("currencies") String currency,
                                                 @ForAll @IntRange(min = 0, max = 400) int widthBps, @ForAll long seed) {
    Quotes quotes = Fixtures.quotes();
    AccountState state = account(holdings, mode, currency, quotes);
    DealingContext ctx = ctx(hedged, quotes);
    ValuationBounds bounds = new ValuationBounds(state, ctx);
    Random random = new Random(seed);
    Map<String, PriceBand> box = new HashMap<>();
    for (String symbol : bounds.symbols()) {
      AggregatedQuote q = quotes.get(symbol);
      long w = q.bid() * widthBps / 10_000;
      box.put(symbol, new PriceBand(symbol, Math.max(1, q.bid() - random(random, w)), q.bid() + random(random, w),
        Math.max(1, q.ask() - random(random, w)), q.ask() + random(random, w)));
    }
    ValuationBounds.Range range = bounds.over(box);
    MarginSnapshot now = state.snapshot(ctx);
    ValuationBounds.Range point = bounds.over(pointBox(bounds, quotes));
    assertThat(point).isEqualTo(new ValuationBounds.Range(now.equity(), now.equity(), now.margin(), now.margin()));
    for (int i = 0; i < 40; i++) {
      Quotes inside = quotes;
      for (PriceBand band : box.values()) {
        long bid = pick(random, band.bidLo(), band.bidHi(), i);
        long ask = pick(random, Math.max(band.askLo(), bid + 1), band.askHi(), i >> 1);
        if (ask > band.askHi()) {
          continue; // no uncrossed quote with this bid: keep the current one, also inside
        }
        inside = inside.with(Fixtures.quote(band.symbol(), bid, ask));
      }
      MarginSnapshot s = state.snapshot(ctx.withQuotes(inside, Desk.T0));
      assertThat(s.equity()).as("equity at %s", inside).isBetween(range.equityLo(), range.equityHi());
      assertThat(s.margin()).as("margin at %s", inside).isBetween(range.marginLo(), range.marginHi());
    }
  }

  @Provide
  Arbitrary<String> currencies() {
    return Arbitraries.of("USD", "EUR", "JPY");
  }

  private static long random(Random random, long bound) {
    return bound <= 0 ? 0 : (long) (random.nextDouble() * (bound + 1));
  }

  /** An end of the range (corners first: the extremes live there), or any price inside. */
  private static long pick(Random random, long lo, long hi, int i) {
    if (lo >= hi) {
      return lo;
    }
    return switch ((i + random.nextInt(3)) % 3) {
      case 0 -> lo;
      case 1 -> hi;
      default -> lo + (long) (random.nextDouble() * (hi - lo));
    };
  }

  private static Map<String, PriceBand> pointBox(ValuationBounds bounds, Quotes quotes) {
    Map<String, PriceBand> box = new HashMap<>();
    bounds.symbols().forEach(s -> box.put(s, PriceBand.at(quotes.get(s))));
    return box;
  }

  private static AccountState account(List<Holding> holdings, AccountMode mode, String currency, Quotes quotes) {
    Map<Long, Position> positions = new TreeMap<>();
    Set<String> netted = new java.util.HashSet<>();
    long id = 1;
    for (Holding h : holdings) {
      if (mode == AccountMode.NETTING && !netted.add(h.symbol())) {
        continue;
      }
      AggregatedQuote q = quotes.get(h.symbol());
      long open = Math.max(1, q.bid() + q.bid() * h.openBps() / 10_000);
      positions.put(id, new Position(id, 1001, h.symbol(), h.side(), h.volume(), CATALOG.get(h.symbol()).price(open),
        Desk.T0, 0, 0, 0, 0));
      id++;
    }
    AccountProfile profile = new AccountProfile(1001, currency, 100, mode, AccountStatus.ACTIVE, "std");
    return new AccountState(profile, 1_000_000, 50_000, positions, Map.of(), false, 3);
  }

  private static DealingContext ctx(HedgedMarginMode hedged, Quotes quotes) {
    Group group = new Group("std", 7, "USD", 100, new BigDecimal("100"), new BigDecimal("50"), "standard",
      CommissionPolicy.none(), false, ExecutionMode.B_BOOK, hedged, true, GroupLimits.NONE);
    return new DealingContext(group, CATALOG, quotes, RolloverSchedule.newYork(Set.of()), Desk.T0, new SequentialIds());
  }
}
