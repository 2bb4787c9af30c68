package com.rtx.hedging;

import com.rtx.core.hedging.HedgeOrder;
import com.rtx.core.hedging.HedgePlanner;
import com.rtx.core.market.Lots;
import com.rtx.core.trading.Side;
import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.core.trading.OrderType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The hedger's logic around {@link HedgePlanner}: keeps the latest exposure of every shard, looks
 * at the house ({@link HouseBook}) and sends the hedges the planner asks for, as market orders of
 * the house account to its dealing shard. The house group executes A-Book, so the shard records
 * each hedge SENT_TO_LP and sends it to an LP; it becomes a position of the house account (hedged
 * volume) only when the LP's fill is booked.
 *
 * <p>No double hedge: a symbol is in flight from the moment its order is sent until the shard's
 * final answer (FILLED, REJECTED), and after a 202 SENT_TO_LP for as long as the database holds the
 * order unfinished. A request that fails without an answer is sent again with the same
 * clientOrderId (the shard's idempotency key) instead of a new hedge. The look at the house reads
 * the in-flight sets before the house account, so a fill landing in between is seen as in flight,
 * never as unhedged.
 *
 * <p>Runs on the hedger verticle's event loop only.
 */
final class Hedger {

  private static final Logger LOG = LoggerFactory.getLogger(Hedger.class);

  private final Vertx vertx;
  private final HedgingStore store;
  private final long houseAccount;
  private final int shards;
  private final long sendTimeoutMs;
  private final Clock clock;
  private final Map<Integer, Map<String, Long>> netByShard = new HashMap<>();
  /** Hedges sent and not answered yet, by symbol; an unanswered one is sent again as is. */
  private final Map<String, DealingRequest.PlaceOrder> sending = new LinkedHashMap<>();
  private final Set<String> awaiting = new HashSet<>();
  private long sequence;

  Hedger(Vertx vertx, HedgingStore store, long houseAccount, int shards, long sendTimeoutMs, Clock clock) {
    DealingCodecs.register(vertx.eventBus());
    this.vertx = vertx;
    this.store = store;
    this.houseAccount = houseAccount;
    this.shards = shards;
    this.sendTimeoutMs = sendTimeoutMs;
    this.clock = clock;
  }

  /** A shard's {@code rtx.exposure} message: its whole exposure, replacing the previous one. */
  void exposure(JsonObject message) {
    Integer shard = message.getInteger("shard");
    JsonObject net = message.getJsonObject("net");
    if (shard == null || net == null) {
      return;
    }
    Map<String, Long> bySymbol = new HashMap<>();
    net.forEach(e -> bySymbol.put(e.getKey(), Lots.of(new BigDecimal(String.valueOf(e.getValue())))));
    netByShard.put(shard, bySymbol);
  }

  /** How many shards have reported their exposure since this node started. */
  int shardsReporting() {
    return netByShard.size();
  }

  Map<String, Long> clientNet() {
    Map<String, Long> sum = new HashMap<>();
    netByShard.values().forEach(m -> m.forEach((s, v) -> sum.merge(s, v, Math::addExact)));
    return sum;
  }

  /** Reads the house: in-flight first (memory, then database), then the house account. */
  Future<HouseBook> look() {
    Set<String> inFlight = new HashSet<>(sending.keySet());
    Map<String, Long> client = clientNet();
    var limits = store.limits();
    var terms = store.terms();
    var open = store.openHedges(houseAccount);
    return Future.all(limits, terms, open)
      .compose(v -> vertx.eventBus().<DealingReply>request(DealingAddresses.shard(houseAccount, shards),
          new DealingRequest.ReadAccount(houseAccount), new DeliveryOptions().setSendTimeout(5000))
        .recover(e -> Future.failedFuture("house account " + houseAccount + " unavailable: " + e.getMessage())))
      .map(reply -> {
        DealingReply body = reply.body();
        inFlight.addAll(open.result());
        return new HouseBook(client, hedges(body.positions()), body.account(), limits.result(), terms.result(), inFlight);
      });
  }

  /** One decision: resend unanswered hedges, else send what the planner asks for. */
  Future<Void> cycle() {
    if (!sending.isEmpty() && awaiting.size() < sending.size()) {
      sending.forEach((symbol, order) -> {
        if (!awaiting.contains(symbol)) {
          send(symbol, order);
        }
      });
    }
    return look().map(book -> {
      for (HedgeOrder o : HedgePlanner.plan(book.exposures(), book.limits(), book.inFlight(), book.terms())) {
        if (sending.containsKey(o.symbol())) {
          continue;
        }
        DealingRequest.PlaceOrder order = new DealingRequest.PlaceOrder(houseAccount, o.symbol(), o.side(),
          OrderType.MARKET, o.volume(), null, null, null, null, 0, null, null, null,
          "hedge-" + o.symbol() + "-" + clock.millis() + "-" + (++sequence));
        LOG.info("hedge {} {} {} (unhedged {}, max {}, target {}) as {}", o.side(), Lots.format(o.volume()),
          o.symbol(), Lots.format(o.unhedgedBefore()), Lots.format(o.limit().maxNet()),
          Lots.format(o.limit().targetNet()), order.clientOrderId());
        sending.put(o.symbol(), order);
        send(o.symbol(), order);
      }
      return null;
    });
  }

  private void send(String symbol, DealingRequest.PlaceOrder order) {
    awaiting.add(symbol);
    vertx.eventBus().<DealingReply>request(DealingAddresses.shard(houseAccount, shards), order,
        new DeliveryOptions().setSendTimeout(sendTimeoutMs))
      .onSuccess(reply -> {
        awaiting.remove(symbol);
        sending.remove(symbol);
        DealingReply body = reply.body();
        if (body.rejected()) {
          LOG.warn("hedge {} refused: {} {}", order.clientOrderId(), body.reason(), body.detail());
        } else {
          LOG.info("hedge {} {}", order.clientOrderId(), body.status());
        }
      })
      .onFailure(e -> {
        awaiting.remove(symbol);
        if (e instanceof DealingFailure f && f.failureCode() < 500) {
          // Refused for good (the house account or a value the shard will not take): the planner decides anew.
          sending.remove(symbol);
          LOG.warn("hedge {} refused: {} {}", order.clientOrderId(), f.code(), f.getMessage());
          return;
        }
        // The shard could not take it (being taken over) or did not answer: same clientOrderId next cycle.
        LOG.warn("hedge {} unanswered ({}); it is sent again with the same id", order.clientOrderId(), e.toString());
      });
  }

  /** Drops what only the leader keeps: a new leader starts from the database and the shards. */
  void resign() {
    sending.clear();
    awaiting.clear();
  }

  /** Net volume per symbol of the house account's positions (BUY positive). */
  private static Map<String, Long> hedges(JsonArray positions) {
    Map<String, Long> net = new HashMap<>();
    if (positions != null) {
      for (int i = 0; i < positions.size(); i++) {
        JsonObject p = positions.getJsonObject(i);
        long volume = Lots.of(p.getString("volume"));
        net.merge(p.getString("symbol"), Side.valueOf(p.getString("side")).sign() * volume, Math::addExact);
      }
    }
    return net;
  }
}
