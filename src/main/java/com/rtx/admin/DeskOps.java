package com.rtx.admin;

import com.rtx.bus.AdminAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dealer desk: the book across accounts (read from PostgreSQL, which dealing commits before it
 * acknowledges anything), intervention through the account's shard ({@code closePosition},
 * {@code cancelOrder}) and the global kill switch (table {@code trading_control}, published on
 * {@link AdminAddresses#KILL_SWITCH} after the commit so every dealing node follows it).
 */
final class DeskOps implements AdminOperations {

  private final Vertx vertx;
  private final Pool pool;
  private final Audited audited;
  private final DealingClient dealing;
  private final Clock clock;

  DeskOps(Vertx vertx, Pool pool, Audited audited, DealingClient dealing, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.audited = audited;
    this.dealing = dealing;
    this.clock = clock;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("listPositions", (req, actor) -> book(req, "positions", "SELECT id, account_id, symbol, side, volume, "
      + "open_price::text AS open_price, opened_at, sl, tp, swap FROM position WHERE closed_at IS NULL"));
    handlers.put("listOrders", (req, actor) -> book(req, "orders", "SELECT id, account_id, symbol, side, type, volume, "
      + "price, sl, tp, time_in_force, status FROM trade_order WHERE status = 'PENDING'"));
    handlers.put("closePosition", (req, actor) -> intervene(req, actor, "position", "positionId",
      new JsonObject().put("op", "closePosition")));
    handlers.put("cancelOrder", (req, actor) -> intervene(req, actor, "order", "orderId",
      new JsonObject().put("op", "cancelOrder")));
    handlers.put("listLpOrders", (req, actor) -> book(req, "orders", "SELECT id, account_id, symbol, side, type, volume, "
      + "price, lp, lp_cl_ord_id, lp_note, created_at, updated_at FROM trade_order WHERE status = 'SENT_TO_LP'"));
    handlers.put("settleLpOrder", this::settleLpOrder);
    handlers.put("listLpReconciliation", this::lpReconciliation);
    handlers.put("getKillSwitch", (req, actor) -> pool.query("SELECT * FROM trading_control WHERE name = 'kill-switch'")
      .execute().map(rows -> AdminReply.ok(killSwitch(rows.iterator().next()))));
    handlers.put("setKillSwitch", this::setKillSwitch);
  }

  /**
   * The router's reconciliation of house positions with each LP: the latest run per LP, the latest
   * comparison per LP and symbol, and the latest automatic repairs (optionally of one LP). Runs and
   * lines say their source: AN (the LP's PositionReports) or FILLS (its own fills).
   */
  private Future<AdminReply> lpReconciliation(AdminRequest req, Actor actor) {
    String lp = req.query("lp");
    Tuple byLp = Tuple.of(lp);
    Future<JsonArray> runs = rows("SELECT DISTINCT ON (lp) id, lp, source, pos_req_id, started_at, finished_at, outcome, "
      + "detail FROM lp_reconciliation_run WHERE ($1::text IS NULL OR lp = $1) ORDER BY lp, id DESC", byLp);
    Future<JsonArray> positions = rows("SELECT DISTINCT ON (lp, symbol) run_id, lp, symbol, lp_lots::text AS lp_lots, "
      + "platform_lots::text AS platform_lots, difference_lots::text AS difference_lots, outcome, action, note, checked_at, "
      + "source FROM lp_reconciliation WHERE ($1::text IS NULL OR lp = $1) ORDER BY lp, symbol, id DESC", byLp);
    Future<JsonArray> repairs = rows("SELECT id, cl_ord_id, run_id, lp, symbol, side, lots::text AS lots, "
      + "units::text AS units, status, filled_units::text AS filled_units, avg_px::text AS avg_px, lp_text, evidence, "
      + "created_at, updated_at FROM lp_position_repair WHERE ($1::text IS NULL OR lp = $1) ORDER BY id DESC LIMIT $2",
      Tuple.of(lp, req.limit(200)));
    return Future.all(runs, positions, repairs).map(v -> AdminReply.ok(new JsonObject().put("runs", runs.result())
      .put("positions", positions.result()).put("repairs", repairs.result())));
  }

  private Future<JsonArray> rows(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row r : rows) {
        JsonObject item = new JsonObject();
        for (int i = 0; i < r.size(); i++) {
          Object value = r.getValue(i);
          item.put(camel(r.getColumnName(i)), value instanceof java.time.temporal.Temporal ? value.toString() : value);
        }
        list.add(item);
      }
      return list;
    });
  }

  private Future<AdminReply> book(AdminRequest req, String name, String select) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder(select);
    if (req.queryLong("accountId") != null) {
      args.add(req.queryLong("accountId"));
      sql.append(" AND account_id = $").append(args.size());
    }
    if (req.query("symbol") != null) {
      args.add(req.query("symbol"));
      sql.append(" AND symbol = $").append(args.size());
    }
    args.add(req.limit(200));
    sql.append(" ORDER BY id LIMIT $").append(args.size());
    return rows(sql.toString(), Tuple.from(args)).map(list -> AdminReply.ok(new JsonObject().put(name, list)));
  }

  private Future<AdminReply> intervene(AdminRequest req, Actor actor, String what, String idParam, JsonObject op) {
    long accountId = req.pathLong("accountId");
    long id = req.pathLong(idParam);
    String reason = req.body().getString("reason");
    return dealing.send(accountId, op.put(idParam, id)).compose(reply -> {
      boolean ok = DealingClient.ok(reply);
      AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, req.operationId(), ok ? AuditEntry.OK : AuditEntry.FAILED)
        .target(what, id)
        .change(new JsonObject().put("accountId", accountId), new JsonObject().put("reason", reason)
          .put("status", reply.getString("status")).put("events", reply.getValue("events"))
          .put("error", reply.getValue("error")));
      return audited.log().append(entry).map(v -> DealingClient.toReply(reply));
    });
  }

  /**
   * Settles an UNKNOWN A-Book order on the LP's confirmation. Dealing writes the audit entry with
   * the execution in one transaction; a refusal (the order is not UNKNOWN, a bad price) is audited
   * here as FAILED.
   */
  private Future<AdminReply> settleLpOrder(AdminRequest req, Actor actor) {
    long accountId = req.pathLong("accountId");
    long orderId = req.pathLong("orderId");
    JsonObject body = req.body();
    JsonObject requested = new JsonObject().put("outcome", body.getString("outcome")).put("price", body.getValue("price"))
      .put("lpExecId", body.getValue("lpExecId")).put("confirmation", body.getValue("confirmation"))
      .put("reason", body.getString("reason"));
    AuditEntry pending = AuditEntry.of(clock.instant(), req, actor, "settleLpOrder", AuditEntry.OK).target("order", orderId)
      .change(new JsonObject().put("accountId", accountId).put("status", "SENT_TO_LP"), requested);
    JsonObject op = new JsonObject().put("op", "settleLpOrder").put("orderId", orderId)
      .put("outcome", body.getValue("outcome")).put("price", body.getValue("price"))
      .put("lpExecId", body.getValue("lpExecId")).put("confirmation", body.getValue("confirmation"))
      .put("audit", pending.toDealing());
    return dealing.send(accountId, op).compose(reply -> {
      if (reply.getBoolean("audited", false)) {
        return Future.succeededFuture(DealingClient.toReply(reply));
      }
      AuditEntry failed = pending.outcome(DealingClient.ok(reply) ? AuditEntry.OK : AuditEntry.FAILED)
        .change(pending.before(), requested.copy().put("error", reply.getValue("error")));
      return audited.log().append(failed).map(v -> DealingClient.toReply(reply));
    });
  }

  private Future<AdminReply> setKillSwitch(AdminRequest req, Actor actor) {
    boolean engaged = req.body().getBoolean("engaged");
    String reason = req.body().getString("reason");
    return audited.change(AuditEntry.of(clock.instant(), req, actor, "setKillSwitch", AuditEntry.OK)
          .target("trading_control", "kill-switch"),
        conn -> conn.preparedQuery("SELECT * FROM trading_control WHERE name = 'kill-switch' FOR UPDATE").execute()
          .compose(before -> conn.preparedQuery("UPDATE trading_control SET engaged = $1, reason = $2, changed_by = $3, "
              + "changed_at = $4 WHERE name = 'kill-switch' RETURNING *")
            .execute(Tuple.of(engaged, reason, actor.username(), clock.instant().atOffset(ZoneOffset.UTC)))
            .map(after -> {
              JsonObject state = killSwitch(after.iterator().next());
              return new Audited.Change(killSwitch(before.iterator().next()), state, AdminReply.ok(state));
            })))
      // Published only once committed: no dealing node may act on a change that rolled back.
      .onSuccess(reply -> vertx.eventBus().publish(AdminAddresses.KILL_SWITCH, reply.body()));
  }

  private static JsonObject killSwitch(Row r) {
    return new JsonObject().put("engaged", r.getBoolean("engaged")).put("reason", r.getString("reason"))
      .put("changedBy", r.getString("changed_by"))
      .put("changedAt", r.getOffsetDateTime("changed_at").toInstant().toString());
  }

  private static String camel(String column) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    String name = out.toString();
    return name.equals("id") ? "id" : name;
  }
}
