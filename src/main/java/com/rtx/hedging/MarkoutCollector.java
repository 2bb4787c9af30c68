package com.rtx.hedging;

import com.rtx.bus.Addresses;
import com.rtx.bus.DealingAddresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Records the markouts of client deals: the mid price of the deal's symbol at three horizons after
 * it (default +1 s, +5 s, +60 s), stored in {@code deal_markout} once the last is sampled.
 *
 * <p>Where the deals come from: the account events this node's dealing shards publish on
 * {@code rtx.account.<id>} (one address per account, which the bus cannot subscribe to by
 * pattern). An outbound interceptor on this node's event bus sees each of those messages as it is
 * published; it only copies out the {@code deal.executed} events (a few fields, on the publisher's
 * thread) and hands them to this collector's context. Every dealing node runs a collector, so every
 * shard's deals are covered wherever it lives, without a consumer per account. The house account's
 * deals (the hedges) are not client deals and are skipped.
 *
 * <p>Mids come from {@code rtx.prices.<SYMBOL>} (status OK only; otherwise that sample stays
 * NULL). Horizons are measured on a monotonic time source ({@code nanos}), independent of the
 * business clock. A deal sampled by a node that dies before +60 s is lost: markouts are a sample,
 * not a ledger.
 */
final class MarkoutCollector {

  private static final Logger LOG = LoggerFactory.getLogger(MarkoutCollector.class);

  /** A client deal waiting for its samples. */
  private static final class Pending {
    final Tuple row;
    final String symbol;
    final long receivedNanos;
    final BigDecimal[] mids = new BigDecimal[3];

    Pending(Tuple row, String symbol, long receivedNanos) {
      this.row = row;
      this.symbol = symbol;
      this.receivedNanos = receivedNanos;
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final Pool pool;
  private final long houseAccount;
  private final long[] horizonsNanos;
  private final LongSupplier nanos;
  private final Map<String, BigDecimal> mids = new HashMap<>();
  /** One queue per horizon, in arrival order (so the due ones are at the head). */
  private final List<ArrayDeque<Pending>> queues = List.of(new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>());
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** Symbols whose quotes are listened to. */
  private final java.util.Set<String> quoted = new java.util.HashSet<>();
  private final Handler<DeliveryContext<Object>> interceptor = this::intercept;
  private long timer = -1;

  MarkoutCollector(Vertx vertx, Context context, Pool pool, long houseAccount, List<Long> horizonsMs, LongSupplier nanos) {
    this.vertx = vertx;
    this.context = context;
    this.pool = pool;
    this.houseAccount = houseAccount;
    this.horizonsNanos = horizonsMs.stream().mapToLong(ms -> ms * 1_000_000).toArray();
    this.nanos = nanos;
  }

  /**
   * Subscribes to every symbol's quotes and to this node's account events; symbols created later
   * are subscribed on {@code rtx.refdata.changed}.
   */
  Future<Void> start() {
    return listenToSymbols().onSuccess(v -> {
      consumers.add(vertx.eventBus().consumer(Addresses.REFDATA_CHANGED, m -> listenToSymbols()
        .onFailure(e -> LOG.warn("markouts: symbols not reloaded: {}", e.toString()))));
      vertx.eventBus().addOutboundInterceptor(interceptor);
      long sweepMs = Math.max(5, Math.min(100, horizonsNanos[0] / 1_000_000 / 10));
      timer = vertx.setPeriodic(sweepMs, id -> sweep());
    });
  }

  /** Listens to the quotes of every symbol in PostgreSQL not yet listened to. */
  private Future<Void> listenToSymbols() {
    return pool.query("SELECT name FROM symbol").execute().compose(rows -> {
      List<Future<Void>> ready = new ArrayList<>();
      rows.forEach(r -> {
        String symbol = r.getString(0);
        if (quoted.add(symbol)) {
          MessageConsumer<JsonObject> c = vertx.eventBus().consumer(Addresses.PRICES_PREFIX + symbol, m -> quote(m.body()));
          consumers.add(c);
          ready.add(c.completion());
        }
      });
      return Future.all(ready).mapEmpty();
    });
  }

  Future<Void> stop() {
    vertx.eventBus().removeOutboundInterceptor(interceptor);
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    List<Future<Void>> done = new ArrayList<>();
    consumers.forEach(c -> done.add(c.unregister()));
    return Future.join(done).mapEmpty();
  }

  /** Deals waiting for a sample (tests, health). */
  int waiting() {
    return queues.get(0).size() + queues.get(1).size() + queues.get(2).size();
  }

  private void quote(JsonObject q) {
    String symbol = q.getString("symbol");
    if (symbol == null) {
      return;
    }
    if (!"OK".equals(q.getString("status")) || q.getString("bid") == null || q.getString("ask") == null) {
      mids.remove(symbol);
      return;
    }
    mids.put(symbol, new BigDecimal(q.getString("bid")).add(new BigDecimal(q.getString("ask")))
      .divide(BigDecimal.valueOf(2)));
  }

  /** On the publisher's thread: copy out client deals, never hold the publisher up. */
  private void intercept(DeliveryContext<Object> ctx) {
    try {
      if (ctx.message().address().startsWith(DealingAddresses.ACCOUNT_PREFIX) && ctx.body() instanceof JsonObject body
        && body.getValue("events") instanceof JsonArray events) {
        List<Pending> deals = deals(events, nanos.getAsLong());
        if (!deals.isEmpty()) {
          context.runOnContext(v -> deals.forEach(d -> queues.get(0).add(d)));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("markouts: an account event could not be read: {}", e.toString());
    } finally {
      ctx.next();
    }
  }

  private List<Pending> deals(JsonArray events, long now) {
    List<Pending> found = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (!(events.getValue(i) instanceof JsonObject e) || !"deal.executed".equals(e.getString("type"))) {
        continue;
      }
      JsonObject d = e.getJsonObject("deal");
      long accountId = d.getLong("accountId");
      if (accountId == houseAccount) {
        continue;
      }
      BigDecimal price = new BigDecimal(d.getString("price"));
      String entry = d.getString("entry");
      boolean closing = !"IN".equals(entry);
      Instant time = Instant.parse(d.getString("time"));
      Long held = closing ? heldMillis(events, d.getLong("positionId"), time) : null;
      Tuple row = Tuple.of(d.getLong("dealId"), accountId, d.getString("symbol"), d.getString("side"),
        com.rtx.core.market.Lots.of(d.getString("volume")), price)
        .addValue(price.ulp()).addValue(OffsetDateTime.ofInstant(time, ZoneOffset.UTC)).addValue(closing)
        .addValue(closing ? new BigDecimal(d.getString("realizedPnl")) : BigDecimal.ZERO).addValue(held);
      found.add(new Pending(row, d.getString("symbol"), now));
    }
    return found;
  }

  /** How long the closed position was held: from its opening time in the same commit's position event. */
  private static Long heldMillis(JsonArray events, long positionId, Instant dealTime) {
    for (int i = 0; i < events.size(); i++) {
      if (events.getValue(i) instanceof JsonObject e && e.getString("type", "").startsWith("position.")
        && e.getJsonObject("position") != null && e.getJsonObject("position").getLong("positionId", -1L) == positionId
        && e.getJsonObject("position").getString("openedAt") != null) {
        return Math.max(0, dealTime.toEpochMilli() - Instant.parse(e.getJsonObject("position").getString("openedAt"))
          .toEpochMilli());
      }
    }
    return null;
  }

  /** Samples every deal whose horizon has come, moves it on, and stores those done. */
  private void sweep() {
    long now = nanos.getAsLong();
    List<Tuple> done = new ArrayList<>();
    for (int h = 0; h < 3; h++) {
      ArrayDeque<Pending> queue = queues.get(h);
      while (!queue.isEmpty() && now - queue.peek().receivedNanos >= horizonsNanos[h]) {
        Pending p = queue.poll();
        p.mids[h] = mids.get(p.symbol);
        if (h < 2) {
          queues.get(h + 1).add(p);
        } else {
          done.add(p.row.addValue(p.mids[0]).addValue(p.mids[1]).addValue(p.mids[2]));
        }
      }
    }
    if (!done.isEmpty()) {
      pool.preparedQuery("INSERT INTO deal_markout (deal_id, account_id, symbol, side, volume, price, point, deal_time, "
          + "closing, realized_pnl, held_ms, mid_1s, mid_5s, mid_60s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
          + "$11, $12, $13, $14) ON CONFLICT (deal_id) DO NOTHING").executeBatch(done)
        .onFailure(e -> LOG.warn("markouts of {} deals not stored: {}", done.size(), e.toString()));
    }
  }
}
