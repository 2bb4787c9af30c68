package com.rtx.gateway;

import com.rtx.core.market.Lots;
import com.rtx.core.market.Prices;
import com.rtx.core.money.CurrencyDigits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * Deal and ledger history from PostgreSQL (committed rows only), newest first, keyset-paged by id:
 * {@code ?before=<nextBefore of the previous page>&limit=}. Reads never go through the shard.
 */
final class HistoryApi implements ApiOperations {

  private final Pool pool;
  private final AccountAccess access;

  HistoryApi(Pool pool, AccountAccess access) {
    this.pool = pool;
    this.access = access;
  }

  @Override
  public void register(RouterBuilder rb) {
    ApiOperations.route(rb, "listDeals").addHandler(this::deals);
    ApiOperations.route(rb, "listLedger").addHandler(this::ledger);
  }

  private void deals(RoutingContext rc) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    access.check(rc, accountId)
      .compose(id -> pool.preparedQuery("SELECT d.*, s.digits, a.currency FROM deal d JOIN account a ON a.id = d.account_id "
          + "LEFT JOIN symbol s ON s.name = d.symbol WHERE d.account_id = $1 AND d.id < $2 ORDER BY d.id DESC LIMIT $3")
        .execute(page(rc, accountId)))
      .onSuccess(rows -> {
        JsonArray deals = new JsonArray();
        for (Row r : rows) {
          int digits = r.getInteger("digits") == null ? 5 : r.getInteger("digits");
          String currency = r.getString("currency").trim();
          deals.add(new JsonObject().put("dealId", r.getLong("id")).put("orderId", r.getLong("order_id"))
            .put("positionId", r.getLong("position_id")).put("symbol", r.getString("symbol"))
            .put("side", r.getString("side")).put("volume", Lots.format(r.getLong("volume")))
            .put("price", Prices.format(r.getLong("price"), digits)).put("entry", r.getString("entry"))
            .put("reason", r.getString("reason"))
            .put("realizedPnl", money(r.getLong("realized_pnl"), currency))
            .put("commission", money(r.getLong("commission"), currency))
            .put("time", r.getOffsetDateTime("time").toInstant().toString())
            .put("quote", r.getValue("quote")));
        }
        json(rc, "deals", deals, rows, limit(rc));
      })
      .onFailure(rc::fail);
  }

  private void ledger(RoutingContext rc) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    access.check(rc, accountId)
      .compose(id -> pool.preparedQuery("SELECT l.*, a.currency FROM ledger_entry l JOIN account a ON a.id = l.account_id "
          + "WHERE l.account_id = $1 AND l.id < $2 ORDER BY l.id DESC LIMIT $3")
        .execute(page(rc, accountId)))
      .onSuccess(rows -> {
        JsonArray entries = new JsonArray();
        for (Row r : rows) {
          String currency = r.getString("currency").trim();
          entries.add(new JsonObject().put("entryId", r.getLong("id")).put("type", r.getString("type"))
            .put("amount", money(r.getLong("amount"), currency))
            .put("balanceAfter", money(r.getLong("balance_after"), currency))
            .put("creditAfter", money(r.getLong("credit_after"), currency))
            .put("dealId", r.getLong("deal_id")).put("positionId", r.getLong("position_id"))
            .put("time", r.getOffsetDateTime("time").toInstant().toString()).put("comment", r.getString("comment")));
        }
        json(rc, "entries", entries, rows, limit(rc));
      })
      .onFailure(rc::fail);
  }

  private static String money(long minor, String currency) {
    return java.math.BigDecimal.valueOf(minor, CurrencyDigits.of(currency)).toPlainString();
  }

  private static Tuple page(RoutingContext rc, long accountId) {
    Long before = RequestValues.queryLong(rc, "before");
    return Tuple.of(accountId, before == null ? Long.MAX_VALUE : before, limit(rc));
  }

  private static int limit(RoutingContext rc) {
    String limit = rc.queryParams().get("limit");
    return limit == null ? 100 : (int) RequestValues.whole(limit, "limit"); // the contract bounds it to 1..500
  }

  private static void json(RoutingContext rc, String field, JsonArray items, RowSet<Row> rows, int limit) {
    JsonObject body = new JsonObject().put(field, items);
    if (items.size() == limit) {
      long last = 0;
      for (Row r : rows) {
        last = r.getLong("id");
      }
      body.put("nextBefore", last);
    }
    rc.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
