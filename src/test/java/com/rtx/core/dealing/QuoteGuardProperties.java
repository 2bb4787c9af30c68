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
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof of {@link QuoteGuard}: for random accounts (hedging and netting; USD, EUR and JPY, so
 * that profits and margins go through one- and two-leg conversions; FX and CFD margins; stop
 * losses, take profits, trailing stops, pending orders with expiries) and random sequences of
 * quotes (small moves, gaps, stale and closed quotes, conversion pairs moving alone), client
 * commands, clock moves and group changes, an account processed only when the guard says so ends
 * every step in exactly the state, with exactly the events (stop-outs, margin calls, triggers,
 * fills, expiries, ids), of the same account processed on every quote of its symbols, as the shard
 * does today.
 *
 * <p>And a stronger, local check: whenever the guard skips, processing a quote of <em>any</em>
 * quoted symbol at that moment is verified to produce no event and no fault.
 */
class QuoteGuardProperties {

  private static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "EURJPY", "GBPUSD", "XAUUSD", "US500");
  private static final SymbolCatalog CATALOG = Fixtures.catalog();
  private static final RolloverSchedule ROLLOVERS = RolloverSchedule.newYork(Set.of());

  sealed interface Step {
  }

  /** A market order, its stops and trailing distance in basis points of the price (0 = none). */
  record Trade(String symbol, Side side, long volume, int slBps, int tpBps, int trailingBps) implements Step {
  }

  /** A pending order {@code bps} from the market, GTD {@code minutes} ahead (0 = GTC). */
  record Pending(String symbol, Side side, OrderType type, int bps, int slBps, int tpBps, int minutes)
    implements Step {
  }

  record ModifyStops(int index, int slBps, int tpBps, int trailingBps) implements Step {
  }

  record Close(int index) implements Step {
  }

  record Cash(long amount) implements Step {
  }

  /** A new quote {@code bps} away from the last, spread kept. */
  record Move(String symbol, int bps, QuoteStatus status) implements Step {
  }

  record Clock(int minutes) implements Step {
  }

  /** The expiry timer of the shard. */
  record Expire() implements Step {
  }

  /** The group's levels change (a new version). */
  record Levels(int marginCall, int stopOut) implements Step {
  }

  record Setup(AccountMode mode, String currency, int leverage, long deposit, HedgedMarginMode hedged, boolean nbp,
               int marginCall, int stopOut) {
  }

  @Provide
  Arbitrary<Setup> setups() {
    return Combinators.combine(Arbitraries.of(AccountMode.class), Arbitraries.of("USD", "USD", "EUR", "JPY"),
        Arbitraries.of(50, 100, 500), Arbitraries.longs().between(1_000, 60_000), Arbitraries.of(HedgedMarginMode.class),
        Arbitraries.of(true, false), Arbitraries.of(100, 120, 150), Arbitraries.of(20, 50, 80))
      .as(Setup::new);
  }

  private static Arbitrary<Integer> stopBps() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(4, Arbitraries.integers().between(5, 150)),
      Tuple.of(1, Arbitraries.integers().between(150, 2_000)));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<String> symbol = Arbitraries.of(SYMBOLS);
    Arbitrary<Step> trade = Combinators.combine(symbol, Arbitraries.of(Side.class), Arbitraries.longs().between(1, 300),
      stopBps(), stopBps(), stopBps()).as(Trade::new);
    Arbitrary<Step> pending = Combinators.combine(symbol, Arbitraries.of(Side.class),
      Arbitraries.of(OrderType.LIMIT, OrderType.STOP, OrderType.STOP_LIMIT), Arbitraries.integers().between(2, 150),
      stopBps(), stopBps(), Arbitraries.of(0, 0, 30, 240)).as(Pending::new);
    Arbitrary<Step> modify = Combinators.combine(Arbitraries.integers().between(0, 9), stopBps(), stopBps(), stopBps())
      .as(ModifyStops::new);
    Arbitrary<Step> close = Arbitraries.integers().between(0, 9).map(Close::new);
    Arbitrary<Step> cash = Arbitraries.longs().between(-50_000, 50_000).map(Cash::new);
    Arbitrary<Integer> bps = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(-8, 8)),
      Tuple.of(4, Arbitraries.integers().between(-60, 60)), Tuple.of(1, Arbitraries.integers().between(-600, 600)));
    Arbitrary<QuoteStatus> status = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(QuoteStatus.OK)),
      Tuple.of(1, Arbitraries.just(QuoteStatus.STALE)), Tuple.of(1, Arbitraries.just(QuoteStatus.CLOSED)));
    Arbitrary<Step> move = Combinators.combine(symbol, bps, status).as(Move::new);
    Arbitrary<Step> clock = Arbitraries.integers().between(1, 120).map(Clock::new);
    Arbitrary<Step> levels = Combinators.combine(Arbitraries.of(100, 120, 150), Arbitraries.of(20, 50, 80))
      .as(Levels::new);
    return Arbitraries.frequencyOf(Tuple.of(5, trade), Tuple.of(3, pending), Tuple.of(2, modify), Tuple.of(1, close),
        Tuple.of(1, cash), Tuple.of(40, move), Tuple.of(2, clock), Tuple.of(1, Arbitraries.just(new Expire())),
        Tuple.of(1, levels))
      .list().ofMinSize(20).ofMaxSize(160);
  }

  /**
   * The share of the slack the guard's first box tries to spend: the production one, and shares
   * beyond the slack, so that the exact check of the box ({@link ValuationBounds}) is what decides
   * and is what this property tests.
   */
  @Provide
  Arbitrary<Integer> shares() {
    return Arbitraries.of(BandCalculator.SAFETY_PERCENT, 250, 1_000);
  }

  @Property(tries = 600)
  void skippingInsideTheBandChangesNothing(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps,
                                           @ForAll("shares") int share) {
    Market market = new Market(setup);
    Book every = new Book(setup, null);
    Book guarded = new Book(setup, new QuoteGuard(share));
    every.apply(new Command.Deposit(setup.deposit() * 100, "setup"), market);
    guarded.apply(new Command.Deposit(setup.deposit() * 100, "setup"), market);
    for (Step step : steps) {
      every.run(step, market, null);
      guarded.run(step, market, every);
      market.after(step);
      assertThat(guarded.state).as("after %s", step).isEqualTo(every.state);
      assertThat(guarded.events).as("after %s", step).isEqualTo(every.events);
    }
    Statistics.label("quotes skipped").collect(guarded.skips == 0 ? "none" : guarded.skips * 2 >= guarded.quotes ? ">= half"
      : "some");
    Statistics.label("stop-out").collect(has(every, AccountEvent.StopOutExecuted.class));
    Statistics.label("margin call raised").collect(has(every, AccountEvent.MarginCallRaised.class));
    Statistics.label("margin call cleared").collect(has(every, AccountEvent.MarginCallCleared.class));
    Statistics.label("order expired").collect(has(every, AccountEvent.OrderExpired.class));
    Statistics.label("trailing or stops moved").collect(has(every, AccountEvent.PositionChanged.class));
    Statistics.label("quote-driven fill").collect(every.events.stream().anyMatch(e -> e instanceof AccountEvent.DealExecuted d
      && d.deal().reason() != com.rtx.core.trading.DealReason.CLIENT));
    Statistics.label("currency").collect(setup.currency());
    Statistics.label("slack share").collect(share);
  }

  private static boolean has(Book b, Class<? extends AccountEvent> type) {
    return b.events.stream().anyMatch(type::isInstance);
  }

  /** The quotes, clock and group both books see. */
  static final class Market {
    Quotes quotes = Fixtures.quotes();
    Instant now = Desk.T0;
    Group group;

    Market(Setup s) {
      group = group(s, 7, s.marginCall(), s.stopOut());
    }

    static Group group(Setup s, long version, int marginCall, int stopOut) {
      return new Group("std", version, "USD", 500, BigDecimal.valueOf(marginCall), BigDecimal.valueOf(stopOut),
        "standard", CommissionPolicy.none(), false, ExecutionMode.B_BOOK, s.hedged(), s.nbp(), GroupLimits.NONE);
    }

    AggregatedQuote quote(String symbol) {
      return quotes.get(symbol);
    }

    /** Moves the market after both books ran the step (a quote is set before: see Book.run). */
    void after(Step step) {
      if (step instanceof Clock c) {
        now = now.plus(Duration.ofMinutes(c.minutes()));
      } else if (step instanceof Levels l) {
        group = new Group(group.name(), group.version() + 1, group.currency(), group.leverage(),
          BigDecimal.valueOf(l.marginCall()), BigDecimal.valueOf(l.stopOut()), group.markupProfile(), group.commission(),
          group.swapFree(), group.execution(), group.hedgedMargin(), group.negativeBalanceProtection(), group.limits());
      }
      now = now.plusMillis(250); // every step takes some time: expiries fall between quotes too
    }

    /** The quote a Move step leads to (computed once, seen by both books). */
    AggregatedQuote moved(Move m) {
      AggregatedQuote q = quote(m.symbol());
      long step = CATALOG.get(m.symbol()).tickPoints();
      long bid = Math.max(step * 10, q.bid() + q.bid() * m.bps() / 10_000 / step * step);
      return new AggregatedQuote(m.symbol(), bid, bid + q.spread(), "LP1", "LP2", m.status(), q.sequence() + 1,
        q.lpTimeMillis(), q.engineTimeMillis());
    }
  }

  /** One account processed either on every quote of its symbols, or only when its guard says so. */
  static final class Book {
    AccountState state;
    final SequentialIds ids = new SequentialIds();
    final List<AccountEvent> events = new ArrayList<>();
    final QuoteGuard guard;
    int skips;
    int quotes;

    Book(Setup s, QuoteGuard guard) {
      this.state = AccountState.open(new AccountProfile(1001, s.currency(), s.leverage(), s.mode(), AccountStatus.ACTIVE,
        "std"));
      this.guard = guard;
    }

    DealingContext ctx(Market m) {
      return new DealingContext(m.group, CATALOG, m.quotes, ROLLOVERS, m.now, ids);
    }

    void apply(Command c, Market m) {
      DealingContext ctx = ctx(m);
      Result r = state.apply(c, ctx);
      if (r instanceof Result.Accepted a) {
        state = a.state();
        events.addAll(a.events());
        if (guard != null) {
          guard.processed(a, ctx); // any command: the band depends on the state only, not on how it came
        }
      }
    }

    /** {@code every} is null for the book that processes every quote (it runs first and sets the quote). */
    void run(Step step, Market m, Book every) {
      if (step instanceof Move mv) {
        if (every == null) {
          m.quotes = m.quotes.with(m.moved(mv));
        }
        quote(mv.symbol(), m);
      } else if (step instanceof Trade t) {
        AggregatedQuote q = m.quote(t.symbol());
        long mid = t.side() == Side.BUY ? q.ask() : q.bid();
        long sl = t.slBps() == 0 ? 0 : offset(t.symbol(), mid, t.side() == Side.BUY ? -t.slBps() : t.slBps());
        long tp = t.tpBps() == 0 ? 0 : offset(t.symbol(), mid, t.side() == Side.BUY ? t.tpBps() : -t.tpBps());
        apply(new Command.PlaceOrder(null, t.symbol(), t.side(), OrderType.MARKET, t.volume(), 0, 0, sl, tp,
          trailing(t.symbol(), t.trailingBps()), null, null, 0), m);
      } else if (step instanceof Pending p) {
        pending(p, m);
      } else if (step instanceof ModifyStops ms) {
        List<Position> open = new ArrayList<>(state.positions().values());
        if (!open.isEmpty()) {
          Position p = open.get(ms.index() % open.size());
          long close = p.side().closePrice(m.quote(p.symbol()));
          long sl = ms.slBps() == 0 ? 0 : offset(p.symbol(), close, p.side() == Side.BUY ? -ms.slBps() : ms.slBps());
          long tp = ms.tpBps() == 0 ? 0 : offset(p.symbol(), close, p.side() == Side.BUY ? ms.tpBps() : -ms.tpBps());
          apply(new Command.ModifyPosition(p.id(), sl, tp, trailing(p.symbol(), ms.trailingBps())), m);
        }
      } else if (step instanceof Close c) {
        List<Position> open = new ArrayList<>(state.positions().values());
        if (!open.isEmpty()) {
          apply(new Command.ClosePosition(open.get(c.index() % open.size()).id(), 0, null, 0, 0), m);
        }
      } else if (step instanceof Cash c) {
        apply(c.amount() >= 0 ? new Command.Deposit(Math.max(1, c.amount()), "cash")
          : new Command.Withdraw(-c.amount(), "cash"), m);
      } else if (step instanceof Expire) {
        apply(new Command.ExpireOrders(), m);
      }
    }

    private void pending(Pending p, Market m) {
      AggregatedQuote q = m.quote(p.symbol());
      long market = p.side() == Side.BUY ? q.ask() : q.bid();
      // LIMIT below a buyer's market, STOP above it (and the reverse for a seller).
      boolean above = (p.type() == OrderType.LIMIT) == (p.side() == Side.SELL);
      long price = offset(p.symbol(), market, above ? p.bps() : -p.bps());
      long stopLimit = p.type() == OrderType.STOP_LIMIT ? offset(p.symbol(), price, p.side() == Side.BUY ? -2 : 2) : 0;
      long ref = stopLimit != 0 ? stopLimit : price;
      long sl = p.slBps() == 0 ? 0 : offset(p.symbol(), ref, p.side() == Side.BUY ? -p.slBps() : p.slBps());
      long tp = p.tpBps() == 0 ? 0 : offset(p.symbol(), ref, p.side() == Side.BUY ? p.tpBps() : -p.tpBps());
      TimeInForce tif = p.minutes() == 0 ? TimeInForce.GTC : TimeInForce.GTD;
      Instant expiry = p.minutes() == 0 ? null : m.now.plus(Duration.ofMinutes(p.minutes()));
      apply(new Command.PlaceOrder(null, p.symbol(), p.side(), p.type(), 20, price, stopLimit, sl, tp, 0, tif, expiry, 0),
        m);
    }

    private void quote(String symbol, Market m) {
      boolean holds = state.positions().values().stream().anyMatch(p -> p.symbol().equals(symbol))
        || state.orders().values().stream().anyMatch(o -> o.symbol().equals(symbol));
      if (!holds) {
        return; // the shard queues a quote only for the accounts holding its symbol
      }
      quotes++;
      if (guard == null || guard.mustProcess(state, ctx(m))) {
        apply(new Command.ProcessQuote(symbol), m);
        return;
      }
      skips++;
      // The band's claim, checked directly: no quote of any symbol would do anything now.
      for (String s : m.quotes.bySymbol().keySet()) {
        Result r = state.apply(new Command.ProcessQuote(s),
          new DealingContext(m.group, CATALOG, m.quotes, ROLLOVERS, m.now, new SequentialIds(1_000, 1_000, 1_000, 1_000)));
        assertThat(r).isInstanceOf(Result.Accepted.class);
        assertThat(((Result.Accepted) r).events()).as("skipped, but %s acts on %s", s, state).isEmpty();
        assertThat(((Result.Accepted) r).faults()).isEmpty();
      }
    }

    /** {@code price} moved by {@code bps} basis points, on the symbol's tick. */
    private static long offset(String symbol, long price, int bps) {
      long tick = CATALOG.get(symbol).tickPoints();
      return Math.max(tick, (price + price * bps / 10_000) / tick * tick);
    }

    private static long trailing(String symbol, int bps) {
      AggregatedQuote q = Fixtures.quotes().get(symbol);
      return bps == 0 ? 0 : Math.max(1, q.bid() * bps / 10_000);
    }
  }
}
