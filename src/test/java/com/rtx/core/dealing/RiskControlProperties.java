package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY.md invariant 1 as a property: for any sequence of commands a trader may send — with
 * prices, stops, trailing distances and deviations drawn from the hostile end too (0, the market,
 * {@code Long.MAX_VALUE}, values that overflow when added to a price) — and any quotes, applying
 * never throws, and after every step an account with open positions (every quote here is
 * dealable) is above its stop-out level: whoever falls to it is stopped out.
 */
class RiskControlProperties {

  private static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "XAUUSD");

  sealed interface Step {
  }

  record Trade(String symbol, Side side, long volume, long sl, long tp, long trailing, long deviation)
    implements Step {
  }

  record Pending(String symbol, Side side, OrderType type, long price, long sl, long tp, long trailing)
    implements Step {
  }

  record ModifyStops(int index, long sl, long tp, long trailing) implements Step {
  }

  record Move(String symbol, long points) implements Step {
  }

  record Withdraw(long amount) implements Step {
  }

  /** Sane values and the hostile end: 0, near the market, huge, and overflowing ones. */
  private static Arbitrary<Long> anyLevel() {
    return Arbitraries.frequencyOf(
      Tuple.of(12, Arbitraries.just(0L)),
      Tuple.of(4, Arbitraries.longs().between(1, 400_000)),
      Tuple.of(1, Arbitraries.just(Long.MAX_VALUE)),
      Tuple.of(1, Arbitraries.longs().between(Long.MAX_VALUE / 2, Long.MAX_VALUE)),
      Tuple.of(1, Arbitraries.longs().between(1_000_000, 1_000_000_000)));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> trade = Combinators.combine(Arbitraries.of(SYMBOLS), Arbitraries.of(Side.class),
      Arbitraries.longs().between(1, 200), anyLevel(), anyLevel(), anyLevel(), anyLevel()).as(Trade::new);
    Arbitrary<Step> pending = Combinators.combine(Arbitraries.of(SYMBOLS), Arbitraries.of(Side.class),
      Arbitraries.of(OrderType.LIMIT, OrderType.STOP), anyLevel(), anyLevel(), anyLevel(), anyLevel()).as(Pending::new);
    Arbitrary<Step> modify = Combinators.combine(Arbitraries.integers().between(0, 9), anyLevel(), anyLevel(),
      anyLevel()).as(ModifyStops::new);
    Arbitrary<Step> move = Combinators.combine(Arbitraries.of(SYMBOLS),
      Arbitraries.longs().between(-20_000, 20_000).withDistribution(RandomDistribution.uniform())).as(Move::new);
    Arbitrary<Step> withdraw = Arbitraries.longs().between(1, 50_000).map(Withdraw::new);
    return Arbitraries.frequencyOf(Tuple.of(4, trade), Tuple.of(2, pending), Tuple.of(3, modify), Tuple.of(6, move),
      Tuple.of(1, withdraw)).list().ofMinSize(10).ofMaxSize(60);
  }

  @Property(tries = 300)
  void anAccountAtTheStopOutLevelIsAlwaysStoppedOut(@ForAll AccountMode mode, @ForAll("steps") List<Step> steps) {
    Desk desk = new Desk(mode);
    desk.deposit(100_000);
    boolean stoppedOut = false;
    for (Step step : steps) {
      run(desk, step);
      assertThat(desk.state().positions().isEmpty()
        || !desk.snapshot().isAtOrBelow(Fixtures.group().stopOutLevel()))
        .as("after %s: %s with %s open", step, desk.snapshot(), desk.state().positions().size()).isTrue();
      stoppedOut |= desk.events().stream().anyMatch(e -> e instanceof AccountEvent.StopOutExecuted);
    }
    Statistics.label("stop-out").collect(stoppedOut);
    Statistics.label("trailing set").collect(desk.events().stream().anyMatch(e -> e instanceof AccountEvent.PositionChanged));
  }

  private static void run(Desk desk, Step step) {
    if (step instanceof Trade t) {
      desk.tryApply(new Command.PlaceOrder(null, t.symbol(), t.side(), OrderType.MARKET, t.volume(), 0, 0, t.sl(),
        t.tp(), t.trailing(), null, null, t.deviation()));
    } else if (step instanceof Pending p) {
      desk.tryApply(new Command.PlaceOrder(null, p.symbol(), p.side(), p.type(), 10, Math.max(1, p.price()), 0, p.sl(),
        p.tp(), p.trailing(), null, null, 0));
    } else if (step instanceof ModifyStops m) {
      List<Position> open = new ArrayList<>(desk.state().positions().values());
      if (!open.isEmpty()) {
        Position p = open.get(m.index() % open.size());
        desk.tryApply(new Command.ModifyPosition(p.id(), m.sl(), m.tp(), m.trailing()));
      }
    } else if (step instanceof Move m) {
      AggregatedQuote q = desk.ctx().quotes().get(m.symbol());
      long bid = Math.max(1_000, q.bid() + m.points());
      desk.quote(m.symbol(), bid, bid + q.spread());
    } else if (step instanceof Withdraw w) {
      desk.tryApply(new Command.Withdraw(w.amount(), null));
    }
  }
}
