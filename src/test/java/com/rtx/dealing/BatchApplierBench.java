package com.rtx.dealing;

import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.account.AccountMode;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.dealing.AccountState;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.dealing.QuoteGuard;



import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.testkit.Desk;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.account.AccountProfile;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.account.AccountStatus;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import io.vertx.core.Promise;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import io.vertx.core.Vertx;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import io.vertx.core.json.JsonObject;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Benchmark;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.BenchmarkMode;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Level;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Mode;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Param;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Scope;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.Setup;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.State;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import org.openjdk.jmh.annotations.TearDown;

import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.time.Clock;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.time.ZoneOffset;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.util.ArrayList;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.util.HashMap;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.util.List;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.util.Map;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.util.Set;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import java.util.concurrent.TimeUnit;

/**
 * The dealing shard's batch applier in memory, one thread (issue 14: commands per second per
 * core): batches of {@link #BATCH} market orders as the gateway sends them (JSON with a
 * clientOrderId), decoded, checked, filled, turned into rows, events JSON and replies, the new
 * states then installed as a commit would. NETTING accounts alternate a buy and a sell (open,
 * close); HEDGING ones open a position per order up to 50, then start again from a fresh state.
 * No database or bus: the figure is the single writer's own cost per order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchApplierBench {

  static final int BATCH = 64;

  @Param({"NETTING", "HEDGING"})
  AccountMode mode;

  @Param({"1000"})
  int accounts;

  private Vertx vertx;
  private BatchApplier applier;
  private DealingRefData data;
  private final Map<Long, AccountState> memory = new HashMap<>();
  private final Map<Long, AccountState> fresh = new HashMap<>();
  private long sequence;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    Clock clock = Clock.fixed(Desk.T0, ZoneOffset.UTC);
    DealingQuotes quotes = InMemoryMarket.eurusd(Desk.T0, Long.MAX_VALUE / 4);
    applier = new BatchApplier(0, quotes, RolloverSchedule.newYork(Set.of()), new ShardIds(0, 0, 0, 0, 0),
      new ProcessingFaults(new SimpleMeterRegistry(), clock), new LpOrderDesk(vertx, clock, 5_000, r -> { }),
      new LpBoard(clock), new QuoteGuard());
    data = InMemoryMarket.refData();
    for (long id = 1; id <= accounts; id++) {
      AccountState state = new AccountState(new AccountProfile(id, "USD", 100, mode, AccountStatus.ACTIVE, "std"),
        1_000_000_000, 0, Map.of(), Map.of(), false, 1, Map.of());
      memory.put(id, state);
      fresh.put(id, state);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    vertx.close().await();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int batch() {
    List<ShardInput> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long id = next + 1;
      next = next + 1 == accounts ? 0 : next + 1;
      AccountState state = memory.get(id);
      if (mode == AccountMode.HEDGING && state.positions().size() >= 50) {
        memory.put(id, fresh.get(id));
        state = fresh.get(id);
      }
      String side = mode == AccountMode.NETTING && !state.positions().isEmpty() ? "SELL" : "BUY";
      // As the gateway hands it over: read and checked at the edge, a record on the bus.
      DealingRequest request = new DealingRequest.PlaceOrder(id, "EURUSD", Side.valueOf(side), OrderType.MARKET, 10, null,
        null, null, null, 0, null, null, null, "b-" + sequence++);
      batch.add(new ShardInput.Request(id, request, Promise.promise()));
    }
    BatchApplier.AppliedBatch applied = applier.apply(batch, memory::get, id -> null, Map.of(), data, Desk.T0);
    memory.putAll(applied.working());
    return applied.outcomes().size();
  }
}
