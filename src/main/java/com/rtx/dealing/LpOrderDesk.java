package com.rtx.dealing;

import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.RouterAddresses;
import com.rtx.core.market.Lots;
import com.rtx.core.market.Prices;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderType;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One shard's A-Book orders while liquidity providers work them: which LP and ClOrdID each is at,
 * which LPs are left to try after a reject, the client reply held until the order is final, and
 * the execution ids already applied. It talks to the router (the FIX adapter) on
 * {@code rtx.router.orders}; it changes no account state itself — every report goes through the
 * shard's queue and commit like any command, and every send happens only after the commit that
 * recorded the order (durable before it leaves).
 *
 * <p>Silence is never guessed: no report within {@code lpTimeoutMs} sends an OrderStatusRequest and
 * answers the held client with SENT_TO_LP (202); still nothing after three times that marks the
 * order UNKNOWN (logged as an error) until a report or a reconnect resolves it, or a dealer settles
 * it by hand with the LP's confirmation. An LP that refuses status requests leaves its silent
 * orders UNKNOWN too; the reason is kept with the order ({@code trade_order.lp_note}, through
 * {@link Notes}) so the desk sees why.
 */
final class LpOrderDesk {

  private static final Logger LOG = LoggerFactory.getLogger(LpOrderDesk.class);

  /** Where a note on an order at an LP goes (the order row, for the dealer desk); informational, no money. */
  interface Notes {
    void note(long accountId, long orderId, String note);
  }

  /** An order at an LP. */
  static final class Tracked {
    final long accountId;
    final Order order;
    String lp;
    int attempt;
    String clOrdId;
    final List<String> untried;
    long sentAt;
    /** Epoch ms the first NewOrderSingle left (engine clock); 0 for an order recovered after a restart. */
    long firstSentAt;
    /** Epoch ms the LP's first execution report was applied (engine clock); 0 until then. */
    long firstReportAt;
    long lastReportAt;
    boolean statusRequested;
    boolean unknown;
    /** Why its LP cannot be asked where it stands (the LP refused a status request), or null. */
    String statusRefused;
    Promise<DealingReply> reply;
    final JsonArray events = new JsonArray();
    final Set<String> execIds = new HashSet<>();

    Tracked(long accountId, Order order, String lp, int attempt, List<String> untried) {
      this.accountId = accountId;
      this.order = order;
      this.lp = lp;
      this.attempt = attempt;
      this.clOrdId = clOrdId(accountId, order.id(), attempt);
      this.untried = new ArrayList<>(untried);
    }
  }

  private final Vertx vertx;
  private final Clock clock;
  private final long timeoutMs;
  private final Consumer<DealingRequest.LpExecution> requeue;
  private final Notes notes;
  private final Function<String, AggregatedQuote> rawQuotes;
  private final Map<Long, Tracked> byOrder = new HashMap<>();

  /** A desk whose notes go to the log only (benchmarks and unit tests). */
  LpOrderDesk(Vertx vertx, Clock clock, long timeoutMs, Consumer<DealingRequest.LpExecution> requeue) {
    this(vertx, clock, timeoutMs, requeue, (accountId, orderId, note) -> { });
  }

  /**
   * @param requeue hands a synthetic execution report (an unsendable order) back to the shard's queue
   * @param notes   keeps why an order is UNKNOWN where the dealer desk reads it
   */
  LpOrderDesk(Vertx vertx, Clock clock, long timeoutMs, Consumer<DealingRequest.LpExecution> requeue, Notes notes) {
    this(vertx, clock, timeoutMs, requeue, notes, symbol -> null);
  }

  /**
   * @param rawQuotes the LPs' latest quote per symbol before markup (or null): a market order carries
   *                  its side's price as {@code quotedPrice}, from which the router prices a limit for
   *                  an LP that takes limits only, and the LP and quote id behind that side
   *                  ({@code quoteLp}, {@code quoteId}) for an LP that takes previously quoted orders.
   *                  The rule's LP order is kept: such an LP that is not behind the side is refused by
   *                  the router and the next LP is tried, so no preference is second-guessed here
   */
  LpOrderDesk(Vertx vertx, Clock clock, long timeoutMs, Consumer<DealingRequest.LpExecution> requeue, Notes notes,
              Function<String, AggregatedQuote> rawQuotes) {
    this.rawQuotes = rawQuotes;
    this.vertx = vertx;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    this.requeue = requeue;
    this.notes = notes;
  }

  static String clOrdId(long accountId, long orderId, int attempt) {
    return accountId + "-" + orderId + "-" + attempt;
  }

  Tracked get(long orderId) {
    return byOrder.get(orderId);
  }

  int size() {
    return byOrder.size();
  }

  /** An order the shard rebuilt from the database: ask its LP where it stands as soon as possible. */
  void recovered(long accountId, Order order, DealingStore.LpRoute route) {
    Tracked t = new Tracked(accountId, order, route.lp(), 1, List.of());
    if (route.clOrdId() != null) {
      t.clOrdId = route.clOrdId();
    }
    t.execIds.addAll(route.bookedExecIds()); // an LP resending them after our restart: each is booked once
    t.sentAt = clock.millis() - timeoutMs;
    byOrder.put(order.id(), t);
  }

  /** After the commit that recorded {@code order} SENT_TO_LP: send it, holding {@code reply} until it is final. */
  void sent(Tracked t, Promise<DealingReply> reply, JsonArray events, SymbolCatalog symbols) {
    t.reply = reply;
    t.events.addAll(events);
    byOrder.put(t.order.id(), t);
    send(t, symbols);
  }

  /** Next LP after a reject, if any is left; the caller records the attempt and then calls {@link #send}. */
  String next(Tracked t, LpBoard board) {
    while (!t.untried.isEmpty()) {
      String lp = t.untried.remove(0);
      if (board.up(lp)) {
        t.lp = lp;
        t.attempt++;
        t.clOrdId = clOrdId(t.accountId, t.order.id(), t.attempt);
        return lp;
      }
    }
    return null;
  }

  void send(Tracked t, SymbolCatalog symbols) {
    t.sentAt = clock.millis();
    if (t.firstSentAt == 0) {
      t.firstSentAt = t.sentAt;
    }
    t.statusRequested = false;
    JsonObject message = order(t, symbols, rawQuotes.apply(t.order.symbol())).put("type", "new");
    vertx.eventBus().<JsonObject>request(RouterAddresses.ORDERS, message, new DeliveryOptions().setSendTimeout(timeoutMs))
      .onComplete(ar -> {
        JsonObject answer = ar.succeeded() ? ar.result().body() : null;
        if (answer == null || !answer.getBoolean("sent", false)) {
          String reason = answer == null ? "router unavailable: " + ar.cause().getMessage()
            : answer.getString("reason") + " (" + answer.getString("message") + ")";
          // Not sent: as good as an LP reject (never reached it), so the next LP is tried.
          requeue.accept(new DealingRequest.LpExecution(t.accountId, t.order.id(), t.clOrdId, t.lp, "unsent-" + t.clOrdId,
            false, "REJECTED", "REJECTED", null, null, null, null, null, "not sent to " + t.lp + ": " + reason, null));
        }
      });
  }

  /** The held client reply, answered with {@code result} (final, or interim on timeout). */
  void answer(Tracked t, DealingReply result) {
    if (t.reply != null) {
      t.reply.tryComplete(result);
      t.reply = null;
    }
  }

  void finished(long orderId, DealingReply result) {
    Tracked t = byOrder.remove(orderId);
    if (t != null) {
      answer(t, result);
    }
  }

  /** Timer: status requests for silent orders, interim answers, UNKNOWN after three timeouts. */
  void tick(LpBoard board) {
    long now = clock.millis();
    for (Tracked t : byOrder.values()) {
      long silentFor = now - Math.max(t.sentAt, t.lastReportAt);
      if (silentFor >= timeoutMs && t.reply != null) {
        answer(t, interim(t));
      }
      if (silentFor >= timeoutMs && !t.statusRequested && t.statusRefused == null && board.up(t.lp)) {
        t.statusRequested = true;
        askStatus(t);
      }
      if (silentFor >= 3 * timeoutMs && !t.unknown) {
        t.unknown = true;
        String why = "UNKNOWN: no execution report from " + t.lp + " for " + silentFor + " ms"
          + (t.statusRefused == null ? "" : "; " + t.lp + " does not answer status requests (" + t.statusRefused + ")")
          + "; it stays SENT_TO_LP until the LP answers or a dealer settles it with the LP's confirmation";
        LOG.error("order {} of account {} at {} ({}) is {}", t.order.id(), t.accountId, t.lp, t.clOrdId, why);
        notes.note(t.accountId, t.order.id(), why);
      }
    }
  }

  /** An LP came (back) up: ask it about every order it holds, so nothing waits for a timeout. */
  void reconcile(String lp) {
    for (Tracked t : byOrder.values()) {
      if (lp.equals(t.lp) && t.statusRefused == null) {
        t.statusRequested = true;
        askStatus(t);
      }
    }
  }

  /** Sends an OrderStatusRequest; a router that knows the LP refuses them says so at once. */
  private void askStatus(Tracked t) {
    vertx.eventBus().<JsonObject>request(RouterAddresses.ORDERS, statusRequest(t), new DeliveryOptions().setSendTimeout(timeoutMs))
      .onSuccess(answer -> {
        JsonObject body = answer.body();
        if (body != null && !body.getBoolean("sent", false) && "STATUS_UNSUPPORTED".equals(body.getString("reason"))) {
          statusRefused(t, body.getString("message"));
        }
      })
      .onFailure(e -> LOG.warn("status request for order {} at {} not sent: {}", t.order.id(), t.lp, e.toString()));
  }

  /** The order's LP refused a status request: it is not asked again, and stays UNKNOWN when silent. */
  void statusRefused(Tracked t, String text) {
    if (t.statusRefused == null) {
      t.statusRefused = text == null || text.isBlank() ? "refused" : text;
      LOG.warn("order {} of account {} at {}: the LP refused its status request ({})", t.order.id(), t.accountId,
        t.lp, t.statusRefused);
      notes.note(t.accountId, t.order.id(), t.lp + " does not answer status requests (" + t.statusRefused + ")");
    }
  }

  /** Whether a dealer may settle the order by hand: it is UNKNOWN (silent for three timeouts). */
  boolean settleable(long orderId) {
    Tracked t = byOrder.get(orderId);
    return t != null && t.unknown;
  }

  long unknownCount() {
    return byOrder.values().stream().filter(t -> t.unknown).count();
  }

  static DealingReply interim(Tracked t) {
    return DealingReply.atLp(t.order.id(), t.lp, t.events.copy(),
      "the order is with " + t.lp + "; its fills arrive on the account channel and in GET orders");
  }

  private JsonObject statusRequest(Tracked t) {
    return new JsonObject().put("type", "status").put("clOrdId", t.clOrdId).put("lp", t.lp)
      .put("orderId", t.order.id()).put("accountId", t.accountId).put("symbol", t.order.symbol())
      .put("side", t.order.side().name());
  }

  private static JsonObject order(Tracked t, SymbolCatalog symbols, AggregatedQuote raw) {
    Order o = t.order;
    JsonObject json = new JsonObject().put("clOrdId", t.clOrdId).put("orderId", o.id()).put("accountId", t.accountId)
      .put("lp", t.lp).put("symbol", o.symbol()).put("side", o.side().name()).put("volume", Lots.format(o.volume()))
      .put("ordType", o.type() == OrderType.LIMIT ? "LIMIT" : "MARKET")
      .put("timeInForce", o.timeInForce().name());
    if (o.type() == OrderType.LIMIT) {
      json.put("price", Prices.format(o.price(), symbols.get(o.symbol()).digits()));
    } else if (raw != null && raw.status() == QuoteStatus.OK) {
      // The side the order takes (a buy hits the ask): its price, the LP whose quote made it and
      // that quote's id, for an LP that takes orders against its own quote (40=D) only.
      boolean buy = o.side() == Side.BUY;
      json.put("quotedPrice", Prices.format(buy ? raw.ask() : raw.bid(), symbols.get(o.symbol()).digits()))
        .put("quoteLp", buy ? raw.askLp() : raw.bidLp());
      String quoteId = buy ? raw.askQuoteId() : raw.bidQuoteId();
      if (quoteId != null) {
        json.put("quoteId", quoteId);
      }
    }
    return json;
  }
}
