package com.rtx.dealing;

import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.LpStatus;
import com.rtx.bus.RouterAddresses;
import com.rtx.core.market.Instrument;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.bus.QuoteMessages;
import com.rtx.bus.Addresses;
import com.rtx.platform.Platform;
import com.rtx.platform.db.AdvisoryLocks;
import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.config.DealingConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dealing role: owns as many of the {@code dealing.shards} shards as it can lock
 * ({@link AdvisoryLocks}, class {@link #LOCK_CLASS}), rebuilds each from PostgreSQL ({@link ShardStore}) and serves it on
 * {@code rtx.dealing.shard.<n>} ({@link DealingAddresses}); feeds every shard the quotes of
 * {@code rtx.prices.<SYMBOL>} of every symbol of its reference data (kept in step on each
 * {@code rtx.refdata.changed}) and the expiry/roll-over timer. Shards nobody owns are tried again every
 * {@code dealing.acquire-interval-ms}, which is how a surviving node takes over a dead one's.
 */
public final class DealingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DealingVerticle.class);
  /** First key of the shards' advisory locks (the second is the shard): "RTXD". */
  static final int LOCK_CLASS = 0x52545844;

  private final Platform platform;
  private final DealingConfig settings;
  private final Map<Integer, DealingShard> owned = new HashMap<>();
  private final Map<Integer, MessageConsumer<Object>> shardConsumers = new HashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** The quote consumer of each symbol of the reference data, kept in step with it on every reload. */
  private final Map<String, MessageConsumer<JsonObject>> quoteConsumers = new HashMap<>();
  private AdvisoryLocks locks;
  private LpBoard board;
  private DealingQuotes quotes;
  private RolloverSchedule rollovers;
  private volatile DealingRefData refdata;
  private boolean acquiring;
  /** Blue-green idle colour: own no shard (config {@code standby}, changeable at run time). */
  private boolean standby;
  /** Counted on the event loop by the timer, read by the metrics scrape. */
  private volatile long unknownLpOrders;
  private ProcessingFaults faults;
  private ShardServices services;
  private boolean stopping;

  public DealingVerticle(Platform platform) {
    this.platform = platform;
    this.settings = platform.config().dealing();
  }

  @Override
  public Future<?> start() {
    DealingCodecs.register(vertx.eventBus());
    quotes = new DealingQuotes(platform.config().pricing().staleMs());
    standby = platform.config().standby();
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, m -> standbyChanged(m.body())));
    rollovers = RolloverSchedule.newYork(settings.holidays());
    locks = new AdvisoryLocks(vertx, platform.pgConnect(), LOCK_CLASS, "rtx-dealing-locks", this::allLost);
    board = new LpBoard(platform.clock());
    consumers.add(vertx.eventBus().<JsonObject>consumer(DealingAddresses.ACCOUNT_WATCH, m -> {
      java.util.List<Long> ids = new ArrayList<>();
      m.body().getJsonArray("accountIds", new io.vertx.core.json.JsonArray())
        .forEach(id -> ids.add(((Number) id).longValue()));
      owned.values().forEach(s -> s.watched(ids));
    }));
    consumers.add(vertx.eventBus().<JsonObject>consumer(RouterAddresses.LP_STATUS, m -> LpStatus.fromJson(m.body())
      .filter(board::update)
      .ifPresent(status -> owned.values().forEach(s -> s.lpUp(status.lp())))));
    faults = new ProcessingFaults(platform.metrics(), platform.clock());
    io.micrometer.core.instrument.Gauge.builder("rtx_dealing_lp_orders_unknown", this, v -> v.unknownLpOrders)
      .description("A-Book orders with no execution report for three LP timeouts (never guessed: they await the LP)")
      .register(platform.metrics());
    services = new ShardServices(vertx, () -> refdata, quotes, rollovers, platform.clock(), board, faults,
      settings.maxBatch(), settings.lpTimeoutMs());
    return DealingRefData.load(platform.pool())
      .compose(data -> {
        refdata = data;
        consumers.add(vertx.eventBus().consumer(Addresses.REFDATA_CHANGED, m -> DealingRefData.load(platform.pool())
          .compose(fresh -> {
            refdata = fresh;
            return listenToQuotes(fresh);
          })
          .onFailure(e -> LOG.warn("dealing kept its reference data: reload failed: {}", e.toString()))));
        return listenToQuotes(data);
      })
      .compose(v -> KillSwitch.watch(vertx, platform.pool()).map(consumers::add))
      .compose(v -> acquire())
      .onSuccess(v -> {
        vertx.setPeriodic(settings.acquireIntervalMs(), id -> acquire());
        vertx.setPeriodic(settings.lockCheckMs(), id -> locks.check());
        io.micrometer.core.instrument.Counter timerRuns = io.micrometer.core.instrument.Counter
          .builder("rtx_dealing_timer_runs_total")
          .description("Runs of the dealing timer (expiries, roll-overs, LP timeouts): it must keep growing")
          .register(platform.metrics());
        QuoteRevaluationMetrics revaluations = new QuoteRevaluationMetrics(platform.metrics());
        vertx.setPeriodic(settings.timerMs(), id -> {
          timerRuns.increment();
          owned.values().forEach(DealingShard::tick);
          unknownLpOrders = owned.values().stream().mapToLong(DealingShard::unknownLpOrders).sum();
          revaluations.update(owned.values());
        });
        vertx.setPeriodic(settings.summaryMs(), id -> owned.values().forEach(DealingShard::publishSummaries));
        LOG.info("dealing owns {} of {} shards{}", owned.size(), settings.shards(), standby ? " (standby)" : "");
      });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    owned.values().forEach(DealingShard::stop);
    List<Future<Void>> unregistered = new ArrayList<>();
    shardConsumers.values().forEach(c -> unregistered.add(c.unregister()));
    consumers.forEach(c -> unregistered.add(c.unregister()));
    quoteConsumers.values().forEach(c -> unregistered.add(c.unregister()));
    return Future.join(unregistered).transform(v -> locks.close());
  }

  /** Shards this node owns right now (tests, health). */
  public int ownedShards() {
    return owned.size();
  }

  /**
   * Listens to the quotes of every symbol of {@code data} not yet listened to, seeding each new one
   * from Redis, and stops listening to symbols no longer there: a symbol created through the admin
   * API is priced and dealt in without a restart.
   */
  private Future<Void> listenToQuotes(DealingRefData data) {
    Map<String, SymbolTerms> symbols = data.symbols().bySymbol();
    for (String gone : new ArrayList<>(quoteConsumers.keySet())) {
      if (!symbols.containsKey(gone)) {
        quoteConsumers.remove(gone).unregister();
      }
    }
    List<Future<Void>> registered = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (String symbol : symbols.keySet()) {
      if (!quoteConsumers.containsKey(symbol)) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().<JsonObject>consumer(QuoteMessages.address(symbol),
          m -> quoteArrived(symbol, m.body()));
        quoteConsumers.put(symbol, consumer);
        registered.add(consumer.completion());
        added.add(symbol);
      }
    }
    if (added.isEmpty()) {
      return Future.succeededFuture();
    }
    LOG.info("dealing listens to the quotes of {} more symbol(s): {}", added.size(),
      added.size() > 20 ? added.size() + " symbols" : added);
    return Future.all(registered).compose(v -> seedQuotes(data, added));
  }

  /** A quote of {@code symbol}, read with the instrument dealing holds now (digits may change with the settings). */
  private void quoteArrived(String symbol, JsonObject body) {
    Optional<SymbolTerms> terms = refdata.symbols().find(symbol);
    if (terms.isEmpty()) {
      return;
    }
    Instrument instrument = terms.get().instrument();
    try {
      if (quotes.update(QuoteMessages.fromJson(body, instrument))) {
        owned.values().forEach(s -> s.quoteMoved(instrument.name()));
      }
    } catch (RuntimeException e) {
      LOG.warn("dealing ignored a malformed quote of {}: {}", instrument.name(), e.toString());
    }
  }

  /** The last quotes of {@code symbols} from Redis, so a restarted node can value accounts before the next tick. */
  private Future<Void> seedQuotes(DealingRefData data, List<String> symbols) {
    List<String> keys = symbols.stream().map(QuoteMessages::redisKey).toList();
    if (keys.isEmpty() || platform.redis() == null) {
      return Future.succeededFuture();
    }
    return platform.redis().mget(keys).map(values -> {
      for (int i = 0; values != null && i < values.size(); i++) {
        if (values.get(i) != null) {
          JsonObject json = new JsonObject(values.get(i).toString());
          data.symbols().find(json.getString("symbol"))
            .ifPresent(t -> quotes.update(QuoteMessages.fromJson(json, t.instrument())));
        }
      }
      return (Void) null;
    }).recover(e -> {
      LOG.warn("dealing starts without last quotes: Redis unavailable ({})", e.toString());
      return Future.succeededFuture();
    });
  }

  /** Tries every shard nobody here owns; one pass at a time. */
  private Future<Void> acquire() {
    if (acquiring || stopping || standby) {
      return Future.succeededFuture();
    }
    acquiring = true;
    Future<Void> pass = locks.connect();
    for (int shard = 0; shard < settings.shards(); shard++) {
      int n = shard;
      pass = pass.compose(v -> owned.containsKey(n) ? Future.succeededFuture() : tryShard(n));
    }
    return pass
      .recover(e -> {
        LOG.warn("dealing could not acquire shards: {}", e.toString());
        return Future.succeededFuture();
      })
      .onComplete(ar -> acquiring = false);
  }

  private Future<Void> tryShard(int shard) {
    return locks.tryAcquire(shard).compose(mine -> {
      if (!mine) {
        return Future.succeededFuture();
      }
      ShardStore store = new ShardStore(platform.pool(), settings.shards(), shard, platform.node(), platform.clock());
      Instant since = platform.clock().instant().minus(RecentRequests.REBUILD_SPAN);
      return Future.all(store.ids(), store.loadShard(), store.recentRequestKeys(since, RecentRequests.CAPACITY))
        .compose(loaded -> {
          if (stopping || !locks.connected()) {
            return Future.succeededFuture();
          }
          DealingShard s = new DealingShard(shard, services, store, loaded.resultAt(0), loaded.resultAt(1),
            new RecentRequests(RecentRequests.CAPACITY, loaded.<java.util.Set<String>>resultAt(2)), () -> shardLost(shard));
          owned.put(shard, s);
          MessageConsumer<Object> consumer = vertx.eventBus().consumer(DealingAddresses.SHARD_PREFIX + shard,
            m -> ShardRequests.serve(shard, s, m));
          shardConsumers.put(shard, consumer);
          LOG.info("dealing shard {} acquired: {} accounts", shard, s.accountCount());
          return consumer.completion();
        })
        .recover(e -> {
          LOG.warn("dealing shard {} could not be loaded: {}; releasing it", shard, e.toString());
          return locks.release(shard);
        });
    });
  }

  /**
   * Standby flipped ({@code standby}, or the live colour switched): to true, every shard is handed back once its in-flight commit is done
   * (the live colour drains); to false, this node starts acquiring (the switch).
   */
  private void standbyChanged(JsonObject change) {
    io.vertx.core.json.JsonArray keys = change.getJsonArray("changedKeys", new io.vertx.core.json.JsonArray());
    if (!keys.contains("standby") && !keys.contains("deployment.colour") && !keys.contains("deployment.live-colour")) {
      return;
    }
    JsonObject config = change.getJsonObject("config", new JsonObject());
    JsonObject deployment = config.getJsonObject("deployment", new JsonObject());
    boolean next = RtxConfig.standby(Boolean.parseBoolean(String.valueOf(config.getValue("standby", false))),
      deployment.getString("colour"), deployment.getString("live-colour"));
    if (next == standby) {
      return;
    }
    standby = next;
    LOG.warn("dealing {}", standby ? "goes to standby: releasing every shard" : "leaves standby: acquiring shards");
    if (standby) {
      for (int shard : new ArrayList<>(owned.keySet())) {
        DealingShard s = owned.get(shard);
        drop(shard);
        s.idle().compose(v -> locks.release(shard))
          .onFailure(e -> LOG.warn("dealing shard {} release failed: {}", shard, e.toString()));
      }
    } else {
      acquire();
    }
  }

  /** One shard is in doubt (another writer, an unconfirmed commit): release it and rebuild it later. */
  private void shardLost(int shard) {
    drop(shard);
    locks.release(shard).onFailure(e -> LOG.warn("dealing shard {} release failed: {}", shard, e.toString()));
  }

  /** The lock connection is gone: PostgreSQL has released every lock, so every shard stops at once. */
  private void allLost() {
    new ArrayList<>(owned.keySet()).forEach(this::drop);
  }

  private void drop(int shard) {
    DealingShard s = owned.remove(shard);
    if (s != null) {
      s.stop();
    }
    MessageConsumer<Object> consumer = shardConsumers.remove(shard);
    if (consumer != null) {
      consumer.unregister();
    }
    LOG.warn("dealing shard {} is no longer served by this node", shard);
  }
}
