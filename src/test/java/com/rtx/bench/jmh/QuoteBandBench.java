package com.rtx.bench.jmh;

import com.rtx.core.account.AccountMode;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.dealing.QuoteGuard;
import com.rtx.core.dealing.Result;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The two costs the guard trades, for one account of {@link QuoteRevaluationBench} (5 positions, with
 * stops): a full {@code ProcessQuote}, the band computed after it when the quote left the band
 * ({@code QuoteGuard.processed}), and the check of a quote inside the band ({@code mustProcess}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuoteBandBench {

  private DealingContext ctx;
  private AccountState state;
  private QuoteGuard guard;

  @Setup(Level.Trial)
  public void setUp() {
    BenchDesk desk = BenchDesk.create();
    ctx = desk.ctx();
    AccountState s = BenchDesk.open(1, AccountMode.HEDGING);
    s = BenchDesk.apply(s, new Command.Deposit(1_000_000, "bench"), ctx);
    s = BenchDesk.apply(s, order("EURUSD", Side.BUY, 100, 107_800, 112_200), ctx);
    s = BenchDesk.apply(s, order("EURUSD", Side.SELL, 50, 112_200, 107_800), ctx);
    s = BenchDesk.apply(s, order("XAUUSD", Side.BUY, 10, 196_000, 204_000), ctx);
    s = BenchDesk.apply(s, order("EURJPY", Side.SELL, 50, 168_300, 161_700), ctx);
    state = BenchDesk.apply(s, order("GBPUSD", Side.BUY, 50, 0, 0), ctx);
    guard = new QuoteGuard();
    guard.processed(state, ctx);
  }

  private static Command order(String symbol, Side side, long volume, long sl, long tp) {
    return new Command.PlaceOrder(null, symbol, side, OrderType.MARKET, volume, 0, 0, sl, tp, 0, null, null, 0);
  }

  @Benchmark
  public Result processQuote() {
    return state.apply(new Command.ProcessQuote("EURUSD"), ctx);
  }

  @Benchmark
  public QuoteGuard computeBand() {
    guard.processed(state, ctx);
    return guard;
  }

  @Benchmark
  public boolean checkBand() {
    return guard.mustProcess(state, ctx);
  }
}
