package com.rtx.bench.jmh;

import com.rtx.core.account.AccountMode;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.dealing.QuoteGuard;
import com.rtx.core.dealing.Result;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.OrderType;
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
import org.openjdk.jmh.annotations.TearDown;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The per-quote re-valuation cost (issue 14): one EURUSD quote processed for every account holding
 * EURUSD, as a dealing shard's batch does, with {@code accounts} × 5 open positions (20,000 × 5 =
 * 100,000 by default), without and with the {@link QuoteGuard}.
 *
 * <p>Each hedging USD account holds a long 1.00 and a short 0.50 EURUSD, a long 0.10 XAUUSD (CFD
 * margin moving with its price), a short 0.50 EURJPY (profit converted through USDJPY) and a long
 * 0.50 GBPUSD; a third of the positions have a stop loss and take profit 2 % away and one account in
 * ten a 300-point trailing stop on its EURUSD long. 10,000 USD each (margin level about 450 %).
 * The quotes follow a random walk of up to {@code step} points a quote (3 by default), kept within 20
 * steps of 1.10000: a calm market by default; the guard's gain depends on how far quotes move
 * between two re-valuations ({@code -p step=30} for a rough one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QuoteRevaluationBench {

  private static final int WALK = 1 << 14;
  private static final Command PROCESS = new Command.ProcessQuote("EURUSD");

  @Param({"20000"})
  int accounts;

  @Param({"false", "true"})
  boolean guarded;

  /** Largest move of one quote, points; the walk stays within 20 steps of 1.10000. */
  @Param({"3"})
  int step;

  private BenchDesk desk;
  private AccountState[] states;
  private QuoteGuard guard;
  private AggregatedQuote[] walk;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    desk = BenchDesk.create();
    states = new AccountState[accounts];
    Random random = new Random(14);
    DealingContext ctx = desk.ctx();
    for (int i = 0; i < accounts; i++) {
      AccountState s = BenchDesk.open(1_000_000L + i, AccountMode.HEDGING);
      s = BenchDesk.apply(s, new Command.Deposit(1_000_000, "bench"), ctx);
      boolean stops = i % 3 == 0;
      s = BenchDesk.apply(s, order("EURUSD", Side.BUY, 100, stops ? 107_800 : 0, stops ? 112_200 : 0,
        i % 10 == 0 ? 300 : 0), ctx);
      s = BenchDesk.apply(s, order("EURUSD", Side.SELL, 50, stops ? 112_200 : 0, stops ? 107_800 : 0, 0), ctx);
      s = BenchDesk.apply(s, order("XAUUSD", Side.BUY, 10, stops ? 196_000 : 0, stops ? 204_000 : 0, 0), ctx);
      s = BenchDesk.apply(s, order("EURJPY", Side.SELL, 50, stops ? 168_300 : 0, stops ? 161_700 : 0, 0), ctx);
      s = BenchDesk.apply(s, order("GBPUSD", Side.BUY, 50, 0, 0, 0), ctx);
      states[i] = s;
    }
    walk = new AggregatedQuote[WALK];
    long offset = 0;
    for (int i = 0; i < WALK; i++) {
      offset = Math.max(-20L * step, Math.min(20L * step, offset + random.nextInt(2 * step + 1) - step));
      walk[i] = Fixtures.quote("EURUSD", 110_000 + offset, 110_010 + offset, i + 2,
        com.rtx.core.pricing.QuoteStatus.OK);
    }
    guard = guarded ? new QuoteGuard() : null;
    if (guard != null) {
      // Steady state: every account has been processed once (its band computed); QuoteBandBench prices that.
      for (AccountState s : states) {
        guard.processed(s, ctx);
      }
    }
    next = 0;
  }

  private static Command order(String symbol, Side side, long volume, long sl, long tp, long trailing) {
    return new Command.PlaceOrder(null, symbol, side, OrderType.MARKET, volume, 0, 0, sl, tp, trailing, null, null, 0);
  }

  /** One quote, every holder: returns how many accounts were actually re-valued. */
  @Benchmark
  public int quoteForAllHolders() {
    desk.quotes = desk.quotes.with(walk[next++ & (WALK - 1)]);
    DealingContext ctx = desk.ctx();
    int processed = 0;
    for (int i = 0; i < states.length; i++) {
      AccountState s = states[i];
      if (guard != null && !guard.mustProcess(s, ctx)) {
        continue;
      }
      Result r = s.apply(PROCESS, ctx);
      if (r instanceof Result.Accepted a) {
        states[i] = a.state();
        if (guard != null) {
          guard.processed(a, ctx);
        }
      }
      processed++;
    }
    return processed;
  }

  @TearDown(Level.Trial)
  public void report() {
    if (guard != null) {
      long total = guard.skips() + guard.runs();
      // Test code: JMH shows this next to the iteration figures.
      System.out.printf("%nguard: %d of %d account re-valuations skipped (%.1f %%)%n", guard.skips(), total,
        total == 0 ? 0.0 : 100.0 * guard.skips() / total);
    }
  }
}
