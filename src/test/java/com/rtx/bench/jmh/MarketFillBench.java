package com.rtx.bench.jmh;

import com.rtx.core.account.AccountMode;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.dealing.Result;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Market-order fills through the pure core, in memory, one thread (commands per second per core;
 * issue 14's target is 500,000/s for the applier): {@code AccountState.apply(PlaceOrder MARKET)}
 * with every pre-trade check, margin check, booking and event, round-robin over {@code accounts}
 * accounts so that the states stay the same size: a NETTING account alternates a 0.10 lot buy and
 * sell of EURUSD (open, then close by netting); a HEDGING account alternates a 0.10 lot buy and the
 * market close of that position. No persistence, JSON or event bus: the lead points this at the
 * batch applier once there is one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MarketFillBench {

  @Param({"NETTING", "HEDGING"})
  AccountMode mode;

  @Param({"1000"})
  int accounts;

  private BenchDesk desk;
  private DealingContext ctx;
  private AccountState[] states;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    desk = BenchDesk.create();
    ctx = desk.ctx();
    states = new AccountState[accounts];
    for (int i = 0; i < accounts; i++) {
      states[i] = BenchDesk.apply(BenchDesk.open(2_000_000L + i, mode), new Command.Deposit(10_000_000, "bench"), ctx);
    }
  }

  @Benchmark
  public Result fill() {
    int i = next;
    next = next + 1 == accounts ? 0 : next + 1;
    AccountState s = states[i];
    Command c;
    if (s.positions().isEmpty()) {
      c = Command.PlaceOrder.market(null, "EURUSD", Side.BUY, 10);
    } else if (mode == AccountMode.NETTING) {
      c = Command.PlaceOrder.market(null, "EURUSD", Side.SELL, 10);
    } else {
      c = new Command.ClosePosition(s.positions().keySet().iterator().next(), 0, null, 0, 0);
    }
    Result r = s.apply(c, ctx);
    if (r instanceof Result.Accepted a) {
      states[i] = a.state();
    } else {
      throw new IllegalStateException("fill refused: " + r);
    }
    return r;
  }
}
