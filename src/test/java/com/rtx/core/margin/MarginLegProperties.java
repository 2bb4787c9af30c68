package com.rtx.core.margin;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.Group;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.market.AssetClass;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.pricing.AggregatedQuote;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MarginCalculator#accountMargin} values each leg (a symbol's volume on one side) once;
 * the straightforward way values every position on its own, rounds each up and sums them. For
 * random positions (FX and CFD, both sides, accounts in USD, EUR and JPY so that conversions
 * multiply, divide and cross), leverages that do and do not divide evenly, leverage caps or none,
 * either hedged-margin policy and prices moved off the fixtures': the per-leg margin is never
 * above the per-position one and below it by at most one minor unit per position beyond the
 * first of each leg (each position's own rounding up gains less than one unit). With one position
 * per leg the two are equal.
 */
class MarginLegProperties {

  private static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "EURJPY", "GBPUSD", "XAUUSD", "US500");
  private static final SymbolCatalog CATALOG = Fixtures.catalog();
  private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");

  record Holding(String symbol, Side side, long volume) {
  }

  @Provide
  Arbitrary<List<Holding>> holdings() {
    return Combinators.combine(Arbitraries.of(SYMBOLS), Arbitraries.of(Side.class), Arbitraries.longs().between(1, 1_000))
      .as(Holding::new).list().ofMinSize(0).ofMaxSize(40);
  }

  @Provide
  Arbitrary<String> currencies() {
    return Arbitraries.of("USD", "EUR", "JPY");
  }

  @Provide
  Arbitrary<Integer> leverages() {
    return Arbitraries.of(1, 3, 7, 30, 33, 50, 100, 333, 500);
  }

  @Property(tries = 1_000)
  void perLegMarginIsThePerPositionMarginLessAtMostOneUnitPerExtraPosition(
      @ForAll("holdings") List<Holding> holdings, @ForAll AccountMode mode, @ForAll HedgedMarginMode hedged,
      @ForAll("currencies") String currency, @ForAll("leverages") int leverage, @ForAll boolean caps,
      @ForAll @IntRange(min = -300, max = 300) int moveBps, @ForAll long seed) {
    Group group = Fixtures.group(CommissionPolicy.none(), caps
      ? new GroupLimits(0, 0, 0, 0, Map.of(AssetClass.FX, 30, AssetClass.METAL, 3, AssetClass.INDEX, 7))
      : GroupLimits.NONE, ExecutionMode.B_BOOK, hedged);
    MarginCalculator calc = new MarginCalculator(group, mode, leverage, currency, CATALOG,
      moved(new Random(seed), moveBps), true);
    List<Position> positions = new ArrayList<>();
    for (Holding h : holdings) {
      positions.add(new Position(positions.size() + 1, 1001, h.symbol(), h.side(), h.volume(), BigDecimal.ONE, T, 0,
        0, 0, 0));
    }

    long perLeg = calc.accountMargin(positions);
    long perPosition = perPositionReference(calc, group, mode, positions);

    Set<String> legs = new HashSet<>();
    holdings.forEach(h -> legs.add(h.symbol() + h.side()));
    assertThat(perLeg).isLessThanOrEqualTo(perPosition);
    assertThat(perPosition - perLeg).isLessThanOrEqualTo(positions.size() - legs.size());
  }

  /** The straightforward valuation: each position's margin rounded up on its own, then the policy. */
  private static long perPositionReference(MarginCalculator calc, Group group, AccountMode mode,
                                           List<Position> positions) {
    Map<String, long[]> sides = new HashMap<>();
    for (Position p : positions) {
      long m = calc.positionMargin(CATALOG.get(p.symbol()), p.side(), p.volume());
      sides.computeIfAbsent(p.symbol(), s -> new long[2])[p.side() == Side.BUY ? 0 : 1] += m;
    }
    boolean largerLeg = mode == AccountMode.HEDGING && group.hedgedMargin() == HedgedMarginMode.LARGER_LEG;
    long total = 0;
    for (long[] v : sides.values()) {
      total += largerLeg ? Math.max(v[0], v[1]) : v[0] + v[1];
    }
    return total;
  }

  /** The fixtures' quotes, each moved by up to {@code moveBps} and given a random spread. */
  private static Quotes moved(Random random, int moveBps) {
    Map<String, AggregatedQuote> out = new HashMap<>();
    Fixtures.quotes().bySymbol().forEach((symbol, q) -> {
      long bid = q.bid() + q.bid() * (moveBps == 0 ? 0 : random.nextInt(Math.abs(moveBps) + 1)) * Integer.signum(moveBps)
        / 10_000 + random.nextInt(7);
      out.put(symbol, Fixtures.quote(symbol, bid, bid + 1 + random.nextInt(40)));
    });
    return new Quotes(out);
  }
}
