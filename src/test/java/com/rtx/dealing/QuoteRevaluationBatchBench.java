package com.rtx.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountProfile;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.QuoteGuard;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.testkit.Desk;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
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

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The per-quote re-valuation cost of the dealing shard's batch applier in memory (issue 14): one
 * EURUSD quote, and the batch the shard builds for it — one {@link Command.ProcessQuote} per
 * account holding EURUSD — applied by {@link BatchApplier} (quote guard, triggers, trailing
 * stops, margin control, the guard's new band, rows and events JSON), the new states installed
 * as a commit would. Time per quote.
 *
 * <p>{@code accounts} hedging USD accounts of {@code positions} open EURUSD positions each (1,000
 * x 100 = 100,000 by default): alternately long and short, 0.01 to 0.50 lot, opened within 50
 * pips of 1.10000, so each account is mostly hedged (larger-leg margin) and holds 100,000 USD,
 * margin level several hundred per cent; a third of the positions have a stop loss and take profit
 * 2 % away; one account in ten a 300-point trailing stop on one long. The quote walks by up to
 * {@code step} points (3) within 20 steps of 1.10000.
 *
 * <p>{@code guarded=false} forgets every band before each quote, so every holder is valued (and
 * gets a new band): the cost when a quote moves every account out of its band. {@code true} is the
 * steady state, where most accounts are skipped.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QuoteRevaluationBatchBench {

  private static final int WALK = 1 << 14;

  @Param({"1000"})
  int accounts;

  @Param({"100"})
  int positions;

  @Param({"false", "true"})
  boolean guarded;

  @Param({"3"})
  int step;

  private Vertx vertx;
  private BatchApplier applier;
  private QuoteGuard guard;
  private DealingQuotes quotes;
  private DealingRefData data;
  private final Map<Long, AccountState> memory = new HashMap<>();
  private List<ShardInput> batch;
  private AggregatedQuote[] walk;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    Clock clock = Clock.fixed(Desk.T0, ZoneOffset.UTC);
    quotes = InMemoryMarket.eurusd(Desk.T0, Long.MAX_VALUE / 4);
    guard = new QuoteGuard();
    applier = new BatchApplier(0, quotes, RolloverSchedule.newYork(Set.of()), new ShardIds(0, 0, 0, 0, 0),
      new ProcessingFaults(new SimpleMeterRegistry(), clock), new LpOrderDesk(vertx, clock, 5_000, r -> { }),
      new LpBoard(clock), guard);
    data = InMemoryMarket.refData();
    Random random = new Random(14);
    long positionId = 1;
    batch = new ArrayList<>(accounts);
    for (long id = 1; id <= accounts; id++) {
      Map<Long, Position> open = new TreeMap<>();
      for (int i = 0; i < positions; i++) {
        Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
        long openPrice = 110_000 + random.nextInt(1_001) - 500;
        boolean stops = i % 3 == 0;
        long sl = !stops ? 0 : side == Side.BUY ? 107_800 : 112_200;
        long tp = !stops ? 0 : side == Side.BUY ? 112_200 : 107_800;
        long trailing = i == 0 && id % 10 == 0 ? 300 : 0;
        open.put(positionId, new Position(positionId, id, "EURUSD", side, 1 + random.nextInt(50),
          BigDecimal.valueOf(openPrice, 5), Desk.T0, sl, tp, trailing, 0));
        positionId++;
      }
      memory.put(id, new AccountState(new AccountProfile(id, "USD", 100, AccountMode.HEDGING, AccountStatus.ACTIVE,
        "std"), 10_000_000, 0, open, Map.of(), false, 1, Map.of()));
      batch.add(new ShardInput.Own(id, new Command.ProcessQuote("EURUSD")));
    }
    walk = new AggregatedQuote[WALK];
    long offset = 0;
    for (int i = 0; i < WALK; i++) {
      offset = Math.max(-20L * step, Math.min(20L * step, offset + random.nextInt(2 * step + 1) - step));
      walk[i] = new AggregatedQuote("EURUSD", 110_000 + offset, 110_010 + offset, "LP1", "LP1", QuoteStatus.OK, i + 2,
        Desk.T0.toEpochMilli(), Desk.T0.toEpochMilli());
    }
    // Steady state: every account processed once, so that each has its band (unguarded runs forget them).
    memory.putAll(applier.apply(batch, memory::get, id -> null, Map.of(), data, Desk.T0).working());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long total = guard.skips() + guard.runs();
    System.out.printf("%nguard: %d of %d account re-valuations skipped (%.1f %%)%n", guard.skips(), total,
      total == 0 ? 0.0 : 100.0 * guard.skips() / total);
    vertx.close().await();
  }

  /** One quote, every holder: returns the number of accounts whose state changed. */
  @Benchmark
  public int quote() {
    quotes.update(walk[next++ & (WALK - 1)]);
    if (!guarded) {
      for (long id = 1; id <= accounts; id++) {
        guard.invalidate(id);
      }
    }
    BatchApplier.AppliedBatch applied = applier.apply(batch, memory::get, id -> null, Map.of(), data, Desk.T0);
    memory.putAll(applied.working());
    return applied.working().size();
  }
}
