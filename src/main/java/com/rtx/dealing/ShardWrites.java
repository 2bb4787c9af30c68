package com.rtx.dealing;

import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.ledger.LedgerEntry;
import com.rtx.core.margin.EquitySnapshot;
import com.rtx.core.trading.Deal;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows one group-commit transaction writes, collected from the accepted commands' events:
 * the last state of every order and position touched, every deal, ledger entry, stop-out,
 * equity snapshot and idempotency record, and each account's new version (guarded by the version it
 * was read at). The events themselves are not stored: the rows hold their facts.
 */
final class ShardWrites {

  /** An account row update: its state after the batch and the version it had before. */
  record AccountRow(AccountState after, long expectedVersion, LocalDate lastRollover) {
  }

  private final Map<Long, AccountRow> accounts = new LinkedHashMap<>();
  private final Map<Long, Tuple> orders = new LinkedHashMap<>();
  private final Map<Long, Tuple> positions = new LinkedHashMap<>();
  private final List<Tuple> deals = new ArrayList<>();
  private final List<Tuple> ledger = new ArrayList<>();
  private final List<Tuple> stopOuts = new ArrayList<>();
  private final List<Tuple> snapshots = new ArrayList<>();
  private final List<Tuple> requests = new ArrayList<>();
  private final List<Tuple> orderRoutes = new ArrayList<>();
  private final List<Tuple> executions = new ArrayList<>();
  private final List<Tuple> requestUpdates = new ArrayList<>();
  private final List<Tuple> audits = new ArrayList<>();
  private final List<Tuple> lpMarkups = new ArrayList<>();
  /** Earlier batches whose answers have left, stamped in this one's transaction (never a reason to write). */
  private final List<Tuple> replied = new ArrayList<>();
  private final Map<Long, OffsetDateTime[]> lpTimes = new java.util.HashMap<>();
  boolean isEmpty() {
    return accounts.isEmpty() && requests.isEmpty() && orderRoutes.isEmpty() && executions.isEmpty()
      && requestUpdates.isEmpty() && audits.isEmpty() && lpMarkups.isEmpty();
  }

  /** The rule (and its settings version) that routed an order and why (written after the order row, same transaction). */
  void route(long orderId, Long ruleId, Long ruleVersion, String reason) {
    orderRoutes.add(routeRow(orderId, null, null, ruleId, reason, ruleVersion));
  }

  /** The LP and ClOrdID an order is sent to, durable before the NewOrderSingle leaves. */
  void lpAttempt(long orderId, String lp, String clOrdId) {
    orderRoutes.add(routeRow(orderId, lp, clOrdId, null, null, null));
  }

  /**
   * When an order's first NewOrderSingle left and its LP's first report arrived (either may be null:
   * not known). They go into the order's own row when this batch writes it (the report that settles
   * the order does), never over a time already written; a batch that does not write the order row
   * (a reject moving the order to the next LP) leaves them to the one that will.
   */
  void lpTimes(long orderId, Instant sentAt, Instant ackAt) {
    lpTimes.putIfAbsent(orderId, new OffsetDateTime[] {utc(sentAt), utc(ackAt)});
  }

  private static Tuple routeRow(long orderId, String lp, String clOrdId, Long ruleId, String reason, Long ruleVersion) {
    return Tuple.from(java.util.Arrays.asList(orderId, lp, clOrdId, ruleId, reason, ruleVersion));
  }

  /** An applied LP execution report, keyed by its ExecID. */
  void execution(String lp, String execId, long accountId, long orderId, JsonObject report, Instant at) {
    executions.add(Tuple.of(lp, execId, accountId, orderId, report, utc(at)));
  }

  /** The final result of an A-Book order replaces the interim one stored for its clientOrderId. */
  void updateRequest(long accountId, String clientOrderId, JsonObject result) {
    requestUpdates.add(Tuple.of(accountId, clientOrderId, result));
  }

  /**
   * A staff member's balance operation, audited in the transaction that changes the balance: the
   * admin's entry ({@code audit}), its {@code after} completed with the balance and credit after.
   */
  void audit(JsonObject audit, AccountState after) {
    String currency = after.profile().currency();
    JsonObject afterJson = audit.getJsonObject("after", new JsonObject()).copy()
      .put("balance", DealingJson.money(after.balance(), currency)).put("credit", DealingJson.money(after.credit(), currency))
      .put("dealing", "OK");
    audits.add(Tuple.from(java.util.Arrays.asList(utc(Instant.parse(audit.getString("at"))), audit.getLong("actorId"),
      audit.getString("actorUsername"), audit.getString("actorRole"), audit.getString("action"),
      audit.getString("targetType"), audit.getString("targetId"), audit.getJsonObject("before"), afterJson,
      audit.getString("ip"), audit.getString("userAgent"), audit.getString("requestId"))));
  }

  List<Tuple> audits() {
    return audits;
  }

  /** The broker's markup on an A-Book fill (written on its deal row, same transaction). */
  void lpMarkup(long dealId, long minor) {
    lpMarkups.add(Tuple.of(dealId, minor));
  }

  List<Tuple> lpMarkups() {
    return lpMarkups;
  }

  /** Takes {@code (batchId, time)} rows of batches answered since the last write ({@code dealing_batch.replied_at}). */
  void replied(List<Tuple> rows) {
    replied.addAll(rows);
  }

  List<Tuple> replied() {
    return replied;
  }

  /** Route rows of orders whose own row this batch does not write (the others go into it: see {@link #orders}). */
  List<Tuple> orderRoutes() {
    List<Tuple> rows = new ArrayList<>();
    orderRoutes.forEach(r -> {
      if (!orders.containsKey(r.getLong(0))) {
        rows.add(r);
      }
    });
    return rows;
  }

  List<Tuple> executions() {
    return executions;
  }

  List<Tuple> requestUpdates() {
    return requestUpdates;
  }

  /**
   * One accepted command that changed {@code before} into {@code after} with {@code happened};
   * {@code eventsJson} holds their JSON, index for index.
   */
  void accepted(AccountState before, AccountState after, LocalDate lastRollover, List<AccountEvent> happened,
                JsonArray eventsJson, Instant now) {
    AccountRow previous = accounts.get(after.accountId());
    long expected = previous != null ? previous.expectedVersion() : before.version();
    accounts.put(after.accountId(), new AccountRow(after, expected, lastRollover));
    Map<Long, Instant> dealTimes = new LinkedHashMap<>();
    for (AccountEvent e : happened) {
      if (e instanceof AccountEvent.DealExecuted d) {
        dealTimes.put(d.deal().id(), d.deal().time());
      }
    }
    for (int i = 0; i < happened.size(); i++) {
      AccountEvent e = happened.get(i);
      JsonObject json = eventsJson.getJsonObject(i);
      if (e instanceof AccountEvent.DealExecuted x) {
        deals.add(deal(x.deal(), json.getJsonObject("deal").getJsonObject("quote")));
      } else if (e instanceof AccountEvent.OrderAccepted x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderModified x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderCancelled x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderExpired x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderTriggered x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderFilled x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderSentToLp x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderPartiallyFilled x) {
        order(x.order(), null, null);
      } else if (e instanceof AccountEvent.OrderRejected x) {
        order(x.order(), x.reason().name(), x.detail());
      } else if (e instanceof AccountEvent.PositionOpened x) {
        position(x.position(), null, 0);
      } else if (e instanceof AccountEvent.PositionChanged x) {
        position(x.position(), null, 0);
      } else if (e instanceof AccountEvent.PositionClosed x) {
        position(x.position(), dealTimes.getOrDefault(x.dealId(), now), x.dealId());
      } else if (e instanceof AccountEvent.LedgerPosted x) {
        ledger.add(ledger(x.entry()));
      } else if (e instanceof AccountEvent.StopOutExecuted x) {
        stopOuts.add(Tuple.of(x.evidence().accountId(), utc(x.evidence().at()), x.evidence().groupVersion(),
          json.getJsonObject("evidence")));
      } else if (e instanceof AccountEvent.EquitySnapshotTaken x) {
        snapshots.add(snapshot(x.snapshot()));
      }
    }
  }

  /** A command that carried a clientOrderId: its result is kept for replays. */
  void request(long accountId, String clientOrderId, JsonObject result, Instant now) {
    requests.add(Tuple.of(accountId, clientOrderId, result, utc(now)));
  }

  Map<Long, AccountRow> accounts() {
    return accounts;
  }

  List<Tuple> accountTuples() {
    List<Tuple> rows = new ArrayList<>();
    accounts.values().forEach(a -> rows.add(Tuple.of(a.after().accountId(), a.after().balance(), a.after().credit(),
      a.after().profile().status().name(), a.after().marginCallActive(), a.lastRollover(), a.after().version(),
      a.expectedVersion())));
    return rows;
  }

  /**
   * The order rows, each ending with its LP send and first-report times and its route — LP,
   * ClOrdID, rule, reason, rule version — (null when not known here): an order routed in the batch
   * that writes it takes its route in the same row, not in an UPDATE of the row just inserted.
   */
  List<Tuple> orders() {
    Map<Long, Object[]> routes = new java.util.HashMap<>();
    for (Tuple r : orderRoutes) {
      if (orders.containsKey(r.getLong(0))) {
        Object[] route = routes.computeIfAbsent(r.getLong(0), id -> new Object[5]);
        for (int i = 0; i < 5; i++) {
          if (r.getValue(i + 1) != null) {
            route[i] = r.getValue(i + 1); // a later attempt (the next LP) replaces an earlier one, as the UPDATE did
          }
        }
      }
    }
    List<Tuple> rows = new ArrayList<>();
    orders.forEach((id, row) -> {
      OffsetDateTime[] times = lpTimes.get(id);
      Tuple full = Tuple.tuple();
      for (int i = 0; i < row.size(); i++) {
        full.addValue(row.getValue(i));
      }
      full.addValue(times == null ? null : times[0]).addValue(times == null ? null : times[1]);
      Object[] route = routes.getOrDefault(id, new Object[5]);
      for (Object value : route) {
        full.addValue(value);
      }
      rows.add(full);
    });
    return rows;
  }

  List<Tuple> positions() {
    return new ArrayList<>(positions.values());
  }

  List<Tuple> deals() {
    return deals;
  }

  List<Tuple> ledger() {
    return ledger;
  }

  List<Tuple> stopOuts() {
    return stopOuts;
  }

  List<Tuple> snapshots() {
    return snapshots;
  }

  List<Tuple> requests() {
    return requests;
  }

  private void order(Order o, String rejectReason, String rejectDetail) {
    orders.put(o.id(), Tuple.from(List.of(o.id(), o.accountId())).addValue(o.clientOrderId()).addValue(o.symbol())
      .addValue(o.side().name()).addValue(o.type().name()).addValue(o.volume()).addValue(o.price())
      .addValue(o.stopLimitPrice()).addValue(o.sl()).addValue(o.tp()).addValue(o.trailingPoints())
      .addValue(o.timeInForce().name()).addValue(utc(o.expireAt())).addValue(o.positionId())
      .addValue(o.triggered()).addValue(o.status().name()).addValue(rejectReason).addValue(rejectDetail)
      .addValue(utc(o.createdAt())).addValue(utc(o.updatedAt())));
  }

  private void position(Position p, Instant closedAt, long closeDealId) {
    positions.put(p.id(), Tuple.from(List.of(p.id(), p.accountId())).addValue(p.symbol()).addValue(p.side().name())
      .addValue(p.volume()).addValue(p.openPrice()).addValue(utc(p.openedAt())).addValue(p.sl()).addValue(p.tp())
      .addValue(p.trailingPoints()).addValue(p.swap()).addValue(utc(closedAt))
      .addValue(closeDealId == 0 ? null : closeDealId));
  }

  private static Tuple deal(Deal d, JsonObject quote) {
    return Tuple.from(List.of(d.id(), d.accountId(), d.orderId(), d.positionId())).addValue(d.symbol())
      .addValue(d.side().name()).addValue(d.volume()).addValue(d.price()).addValue(d.entry().name())
      .addValue(d.reason().name()).addValue(d.realizedPnl()).addValue(d.commission()).addValue(utc(d.time()))
      .addValue(quote);
  }

  private static Tuple ledger(LedgerEntry e) {
    return Tuple.from(List.of(e.id(), e.accountId())).addValue(e.type().name()).addValue(e.amount())
      .addValue(e.balanceAfter()).addValue(e.creditAfter()).addValue(e.dealId()).addValue(e.positionId())
      .addValue(utc(e.time())).addValue(e.comment());
  }

  private static Tuple snapshot(EquitySnapshot s) {
    return Tuple.of(s.accountId(), s.tradeDate(), utc(s.at()), s.snapshot().balance(), s.snapshot().credit(),
      s.snapshot().equity(), s.snapshot().margin());
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }
}
