package com.rtx.admin;

import com.rtx.bus.HedgingAddresses;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dealers' risk views: the house's exposure (asked of the hedger's leader over
 * {@link HedgingAddresses#EXPOSURE}) and the accounts' toxicity scores (table
 * {@code account_toxicity}, which that leader recomputes).
 */
final class RiskOps implements AdminOperations {

  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Pool pool;

  RiskOps(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("getExposure", (req, actor) -> vertx.eventBus().<JsonObject>request(HedgingAddresses.EXPOSURE,
        new JsonObject(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
      .map(reply -> AdminReply.ok(reply.body()))
      .recover(e -> Future.failedFuture(new AdminException(ApiErrorCode.EXPOSURE_UNAVAILABLE,
        "the hedger did not answer (no leader right now?): " + e.getMessage(), null))));
    handlers.put("listToxicity", this::toxicity);
  }

  private Future<AdminReply> toxicity(AdminRequest req, Actor actor) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT * FROM account_toxicity");
    if (req.queryLong("accountId") != null) {
      args.add(req.queryLong("accountId"));
      sql.append(" WHERE account_id = $1");
    }
    args.add(req.limit(200));
    sql.append(" ORDER BY score DESC, account_id LIMIT $").append(args.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row r : rows) {
        list.add(new JsonObject().put("accountId", r.getLong("account_id")).put("score", text(r, "score"))
          .put("markout1s", text(r, "markout_1s")).put("markout5s", text(r, "markout_5s"))
          .put("markout60s", text(r, "markout_60s")).put("shortWinShare", text(r, "short_win_share"))
          .put("pnlPerLot", text(r, "pnl_per_lot")).put("deals", r.getInteger("deals"))
          .put("computedAt", r.getOffsetDateTime("computed_at").toInstant().toString()));
      }
      return AdminReply.ok(new JsonObject().put("accounts", list));
    });
  }

  private static String text(Row r, String column) {
    BigDecimal v = r.getBigDecimal(column);
    return v == null ? null : v.toPlainString();
  }
}
