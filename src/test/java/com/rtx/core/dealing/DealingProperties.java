package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.exposure.Exposure;
import com.rtx.core.ledger.Ledger;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.AccountValuation;
import com.rtx.core.margin.MarginCalculator;
import com.rtx.core.money.Money;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.swap.Rollover;
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
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.From;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money conservation and exposure over random sequences of trading, price moves, balance
 * operations and roll-overs, in both accounting modes, with commission charged. The {@link Desk}
 * checks after every accepted command that the ledger sums to the balance (and the CREDIT entries
 * to the credit) and that the exposure built from deals equals minus the sum of the positions.
 */
class DealingProperties {

  private static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "EURJPY", "XAUUSD");

  /** One random step. */
  sealed interface Step {
  }

  record Trade(String symbol, Side side, long volume) implements Step {
  }

  record Close(int index, int percent) implements Step {
  }

  record Move(String symbol, long points) implements Step {
  }

  record Cash(long amount) implements Step {
  }

  record Roll() implements Step {
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> trade = Combinators.combine(Arbitraries.of(SYMBOLS), Arbitraries.of(Side.class),
      Arbitraries.longs().between(1, 100)).as(Trade::new);
    Arbitrary<Step> close = Combinators.combine(Arbitraries.integers().between(0, 9),
      Arbitraries.integers().between(1, 100)).as(Close::new);
    Arbitrary<Step> move = Combinators.combine(Arbitraries.of(SYMBOLS), Arbitraries.longs().between(-5_000, 5_000).withDistribution(RandomDistribution.uniform()))
      .as(Move::new);
    Arbitrary<Step> cash = Arbitraries.longs().between(-200_000, 200_000).map(Cash::new);
    Arbitrary<Step> roll = Arbitraries.just(new Roll());
    return Arbitraries.frequencyOf(
      Tuple.of(4, trade), Tuple.of(2, close), Tuple.of(5, move),
      Tuple.of(1, cash), Tuple.of(1, roll)).list().ofMinSize(20).ofMaxSize(80);
  }

  @Property(tries = 150)
  void ledgerSumsToBalanceAndExposureMirrorsPositions(@ForAll AccountMode mode, @ForAll("steps") List<Step> steps) {
    Desk desk = new Desk(mode, Fixtures.group(new CommissionPolicy.PerLot(Money.of("EUR", "3.37")), GroupLimits.NONE,
      ExecutionMode.B_BOOK, HedgedMarginMode.LARGER_LEG));
    desk.deposit(500_000);
    RolloverSchedule schedule = RolloverSchedule.newYork(Set.of());
    for (Step step : steps) {
      run(desk, schedule, step);
    }
    Statistics.label("deals").collect(desk.deals().size() > 5 ? ">5" : "0-5");
    Statistics.label("stop-out").collect(desk.events().stream().anyMatch(e -> e instanceof AccountEvent.StopOutExecuted));
    Statistics.label("swap").collect(desk.ledger().stream().anyMatch(e -> e.type() == LedgerEntryType.SWAP));
    assertThat(Ledger.balance(desk.ledger())).isEqualTo(desk.state().balance());
    assertThat(Ledger.credit(desk.ledger())).isEqualTo(desk.state().credit());
    assertThat(desk.exposure()).isEqualTo(Exposure.ofPositions(desk.state().positions().values()));
    long netClient = desk.deals().stream().filter(d -> d.symbol().equals("EURUSD")).mapToLong(d -> d.signedVolume()).sum();
    assertThat(desk.exposure().of("EURUSD")).isEqualTo(-netClient);
  }

  @Property(tries = 150)
  void stopOutEndsAboveTheLevelOrWithNothingOpen(@ForAll("steps") List<Step> steps, @ForAll AccountMode mode) {
    Desk desk = new Desk(mode);
    desk.deposit(100_000);
    RolloverSchedule schedule = RolloverSchedule.newYork(Set.of());
    for (Step step : steps) {
      int stopOutsBefore = Desk.ofType(desk.events(), AccountEvent.StopOutExecuted.class).size();
      run(desk, schedule, step);
      List<AccountEvent.StopOutExecuted> stopOuts = Desk.ofType(desk.events(), AccountEvent.StopOutExecuted.class);
      if (stopOuts.size() > stopOutsBefore) {
        StopOutEvidence e = stopOuts.get(stopOuts.size() - 1).evidence();
        // every quote here is dealable, so the loop may only stop for one of these two reasons
        assertThat(desk.state().positions().isEmpty() || !e.fin().isAtOrBelow(e.stopOutLevel()))
          .as("stop-out ended at %s with %s open", e.fin(), desk.state().positions().size()).isTrue();
        assertThat(e.fin()).isEqualTo(desk.snapshot());
        Statistics.label("negative balance reset").collect(e.negativeBalanceReset() > 0);
        if (desk.state().positions().isEmpty()) {
          assertThat(desk.state().balance()).as("negative-balance protection").isNotNegative();
        }
      }
    }
  }

  /**
   * A book of up to six positions hit by one large move of every symbol: the stop-out that follows
   * must restore the level or close everything.
   */
  @Property(tries = 500)
  void stopOutAfterAGapRestoresTheLevelOrClosesEverything(
    @ForAll AccountMode mode,
    @ForAll @LongRange(min = 20_000, max = 200_000) long deposit,
    @ForAll @Size(min = 1, max = 6) List<@From("trades") Step> trades,
    @ForAll("gaps") List<Long> moves) {
    Desk desk = new Desk(mode);
    desk.deposit(deposit);
    for (Step t : trades) {
      run(desk, null, t);
    }
    for (int i = 0; i < SYMBOLS.size(); i++) {
      AggregatedQuote q = desk.ctx().quotes().get(SYMBOLS.get(i));
      long bid = Math.max(1_000, q.bid() + moves.get(i));
      desk.setQuote(Fixtures.quote(q.symbol(), bid, bid + q.spread()));
    }
    List<AccountEvent> events = desk.apply(new Command.ProcessQuote("EURUSD"));
    List<AccountEvent.StopOutExecuted> stopOuts = Desk.ofType(events, AccountEvent.StopOutExecuted.class);
    Statistics.label("stopped out").collect(!stopOuts.isEmpty());
    if (!stopOuts.isEmpty()) {
      StopOutEvidence e = stopOuts.get(0).evidence();
      assertThat(desk.state().positions().isEmpty() || !e.fin().isAtOrBelow(e.stopOutLevel())).isTrue();
      assertThat(e.steps()).isNotEmpty();
      assertThat(e.fin()).isEqualTo(desk.snapshot());
      // largest loser first: prices do not move during a stop-out, so the closed P&Ls never decrease
      // and none is above the P&L of a position left open
      for (int i = 1; i < e.steps().size(); i++) {
        assertThat(e.steps().get(i).floatingPnl()).isGreaterThanOrEqualTo(e.steps().get(i - 1).floatingPnl());
      }
      long lastClosed = e.steps().get(e.steps().size() - 1).floatingPnl();
      DealingContext ctx = desk.ctx();
      AccountValuation valuation = new AccountValuation("USD", ctx.symbols(), ctx.quotes(), new MarginCalculator(
        ctx.group(), mode, 100, "USD", ctx.symbols(), ctx.quotes(), true));
      for (Position open : desk.state().positions().values()) {
        assertThat(valuation.floatingPnl(open)).isGreaterThanOrEqualTo(lastClosed);
      }
    }
    // after the quote the account is never left at or below the stop-out level with positions open
    assertThat(desk.state().positions().isEmpty() || !desk.snapshot().isAtOrBelow(Fixtures.group().stopOutLevel()))
      .isTrue();
    assertThat(desk.state().positions().isEmpty() && desk.state().balance() < 0).isFalse();
  }

  @Provide
  Arbitrary<List<Long>> gaps() {
    // uniform, not jqwik's default bias towards small numbers: gaps must be large enough to matter
    return Arbitraries.longs().between(-30_000, 30_000).withDistribution(RandomDistribution.uniform()).list().ofSize(4);
  }

  @Provide
  Arbitrary<Step> trades() {
    return Combinators.combine(Arbitraries.of(SYMBOLS), Arbitraries.of(Side.class), Arbitraries.longs().between(1, 100))
      .as(Trade::new);
  }

  private static void run(Desk desk, RolloverSchedule schedule, Step step) {
    if (step instanceof Trade t) {
      desk.tryApply(Command.PlaceOrder.market(null, t.symbol(), t.side(), t.volume()));
    } else if (step instanceof Close c) {
      List<Position> open = new ArrayList<>(desk.state().positions().values());
      if (!open.isEmpty()) {
        Position p = open.get(c.index() % open.size());
        long volume = Math.max(1, p.volume() * c.percent() / 100);
        desk.tryApply(new Command.ClosePosition(p.id(), volume, null, 0, 0));
      }
    } else if (step instanceof Move m) {
      AggregatedQuote q = desk.ctx().quotes().get(m.symbol());
      long bid = Math.max(1_000, q.bid() + m.points());
      desk.quote(m.symbol(), bid, bid + q.spread());
    } else if (step instanceof Cash c) {
      desk.tryApply(c.amount() >= 0 ? new Command.Deposit(c.amount() + 1, null) : new Command.Withdraw(-c.amount(), null));
    } else if (step instanceof Roll) {
      Rollover next = schedule.next(desk.now()).orElseThrow();
      desk.at(next.at());
      desk.apply(new Command.ApplyRollover(next));
    }
  }
}
