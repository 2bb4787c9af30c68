package com.rtx.execution;

import com.rtx.core.market.Lots;
import com.rtx.core.market.Prices;
import com.rtx.core.money.CurrencyDigits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * An order's execution record: where it was executed and why (the routing rule, its version and
 * reason), the quote it filled on, the LP, its price and the broker's markup for A-Book, and the
 * time of each stage the platform records. Every query names the account as well as the order, so
 * an order of another account reads exactly as one that does not exist.
 *
 * <p>Stages (all from the engine's clock): {@code received} = the order row's creation (the batch
 * time at which its shard took the command in); {@code committed} = the time its first transaction
 * was sent, confirmed within that round trip ({@code dealing_batch.committed_at} of
 * {@code trade_order.batch_id}); {@code sentToLp} / {@code lpAcknowledged} = the first
 * NewOrderSingle and the LP's first report; {@code filled} = the last deal (a B-Book fill is decided
 * in the batch that took the order in, so it equals {@code received} and precedes {@code committed}).
 * {@code acknowledged} = when the answer to the client left the shard, after the commit of the
 * batch that answered it ({@code dealing_batch.replied_at}, stamped with the shard's next write,
 * so one row per batch rather than a write per order; null where not recorded: a shard killed before
 * its next write). Safe on any thread: it only reads.
 */
public final class ExecutionRecords {

  private static final Set<String> DECISIONS = Set.of("A_BOOK", "B_BOOK", "SPLIT");

  private final Pool pool;

  public ExecutionRecords(Pool pool) {
    this.pool = pool;
  }

  /** The record of order {@code orderId} of account {@code accountId}, or null when that account has no such order. */
  public Future<JsonObject> order(long accountId, long orderId) {
    Tuple key = Tuple.of(orderId, accountId);
    Future<RowSet<Row>> order = pool.preparedQuery("SELECT o.*, s.digits, a.currency, b.committed_at AS batch_at, "
        + "b.replied_at AS first_replied_at, lb.replied_at AS last_replied_at "
        + "FROM trade_order o JOIN account a ON a.id = o.account_id LEFT JOIN symbol s ON s.name = o.symbol "
        + "LEFT JOIN dealing_batch b ON b.id = o.batch_id LEFT JOIN dealing_batch lb ON lb.id = o.last_batch_id "
        + "WHERE o.id = $1 AND o.account_id = $2")
      .execute(key);
    Future<RowSet<Row>> deals = pool.preparedQuery("SELECT id, position_id, side, volume, price, entry, reason, time, "
        + "quote, lp_markup FROM deal WHERE order_id = $1 AND account_id = $2 ORDER BY id").execute(key);
    Future<RowSet<Row>> executions = pool.preparedQuery("SELECT lp, exec_id, report, received_at FROM lp_execution "
        + "WHERE order_id = $1 AND account_id = $2 ORDER BY received_at, exec_id").execute(key);
    return Future.all(order, deals, executions).map(all -> order.result().size() == 0 ? null
      : record(order.result().iterator().next(), deals.result(), executions.result()));
  }

  private static JsonObject record(Row o, RowSet<Row> deals, RowSet<Row> executions) {
    int digits = o.getInteger("digits") == null ? 5 : o.getInteger("digits");
    String currency = o.getString("currency").trim();
    String lp = o.getString("lp");
    JsonObject json = new JsonObject().put("orderId", o.getLong("id")).put("accountId", o.getLong("account_id"))
      .put("clientOrderId", o.getString("client_order_id")).put("symbol", o.getString("symbol"))
      .put("side", o.getString("side")).put("type", o.getString("type")).put("volume", Lots.format(o.getLong("volume")))
      .put("price", o.getLong("price") == 0 ? null : Prices.format(o.getLong("price"), digits))
      .put("timeInForce", o.getString("time_in_force")).put("status", o.getString("status"))
      .put("rejectReason", o.getString("reject_reason")).put("rejectDetail", o.getString("reject_detail"))
      .put("book", lp == null ? "B_BOOK" : "A_BOOK")
      .put("routing", routing(o));
    JsonArray fills = new JsonArray();
    JsonObject quote = null;
    Long markup = null;
    OffsetDateTime filled = null;
    for (Row d : deals) {
      fills.add(new JsonObject().put("dealId", d.getLong("id")).put("positionId", d.getLong("position_id"))
        .put("entry", d.getString("entry")).put("volume", Lots.format(d.getLong("volume")))
        .put("price", Prices.format(d.getLong("price"), digits)).put("time", time(d.getOffsetDateTime("time")))
        .put("quote", d.getValue("quote")));
      quote = quote != null ? quote : (JsonObject) d.getValue("quote");
      if (d.getLong("lp_markup") != null) {
        markup = (markup == null ? 0 : markup) + d.getLong("lp_markup");
      }
      filled = d.getOffsetDateTime("time");
    }
    json.put("quote", quote).put("fills", fills);
    json.put("lp", lp == null ? null : lp(o, lp, executions));
    json.put("markup", markup == null ? null : new JsonObject().put("currency", currency)
      .put("amount", BigDecimal.valueOf(markup, CurrencyDigits.of(currency)).toPlainString()));
    json.put("times", new JsonObject().put("received", time(o.getOffsetDateTime("created_at")))
      .put("committed", time(o.getOffsetDateTime("batch_at")))
      .put("sentToLp", time(o.getOffsetDateTime("lp_sent_at")))
      .put("lpAcknowledged", time(o.getOffsetDateTime("lp_ack_at")))
      .put("filled", time(filled))
      .put("acknowledged", time(acknowledged(o)))
      .put("updated", time(o.getOffsetDateTime("updated_at"))));
    return json;
  }

  /**
   * When the client's request was answered: for an order sent to an LP, after the batch that
   * settled it (null while it is still there); otherwise after the batch that took it in (a fill,
   * a reject, or a pending order's acceptance — later fills of a pending order are notifications).
   */
  private static java.time.OffsetDateTime acknowledged(Row o) {
    if (o.getOffsetDateTime("lp_sent_at") == null) {
      return o.getOffsetDateTime("first_replied_at");
    }
    String status = o.getString("status");
    return "SENT_TO_LP".equals(status) ? null : o.getOffsetDateTime("last_replied_at");
  }

  /** The routing decision as recorded: "A_BOOK: rule 7 (priority 1, group pro)" holds the decision before the colon. */
  private static JsonObject routing(Row o) {
    String reason = o.getString("route_reason");
    String decision = null;
    if (reason != null) {
      int colon = reason.indexOf(": ");
      String head = colon < 0 ? reason : reason.substring(0, colon);
      if (DECISIONS.contains(head)) {
        decision = head;
        reason = reason.substring(colon + 2);
      }
    }
    return new JsonObject().put("decision", decision).put("ruleId", o.getLong("route_rule"))
      .put("ruleVersion", o.getLong("route_rule_version")).put("reason", reason);
  }

  /** The LP, its price (of the last fill it reported) and every report of it on record, oldest first. */
  private static JsonObject lp(Row o, String lp, RowSet<Row> executions) {
    JsonArray reports = new JsonArray();
    String price = null;
    for (Row x : executions) {
      JsonObject report = (JsonObject) x.getValue("report");
      String execType = report == null ? null : report.getString("execType");
      String px = report == null ? null : report.getString("lastPx") != null ? report.getString("lastPx")
        : report.getString("avgPx");
      reports.add(new JsonObject().put("lp", x.getString("lp")).put("execId", x.getString("exec_id"))
        .put("execType", execType).put("ordStatus", report == null ? null : report.getString("ordStatus"))
        .put("quantity", report == null ? null : report.getString("lastQty")).put("price", px)
        .put("text", report == null ? null : report.getString("text"))
        .put("receivedAt", time(x.getOffsetDateTime("received_at"))));
      if (px != null && execType != null && !execType.equals("REJECTED")) {
        price = px;
      }
    }
    return new JsonObject().put("name", lp).put("clOrdId", o.getString("lp_cl_ord_id")).put("price", price)
      .put("note", o.getString("lp_note")).put("executions", reports);
  }

  static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
