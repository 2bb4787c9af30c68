package com.rtx.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * {@code GET /api/v1/accounts}: the caller's accounts with their static fields from table
 * {@code account}. Balances and margin come from the dealing shards (their own operations).
 */
final class AccountsApi implements ApiOperations {

  private final Pool pool;

  AccountsApi(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void register(RouterBuilder rb) {
    ApiOperations.route(rb, "listAccounts").addHandler(this::list);
  }

  private void list(RoutingContext rc) {
    TraderPrincipal trader = TraderPrincipal.of(rc);
    pool.preparedQuery("SELECT id, group_name, currency, leverage, mode, status FROM account WHERE trader_id = $1 ORDER BY id")
      .execute(Tuple.of(trader.traderId()))
      .onSuccess(rows -> {
        JsonArray accounts = new JsonArray();
        for (Row row : rows) {
          accounts.add(new JsonObject().put("id", row.getLong("id")).put("group", row.getString("group_name"))
            .put("currency", row.getString("currency").trim()).put("leverage", row.getInteger("leverage"))
            .put("mode", row.getString("mode")).put("status", row.getString("status")));
        }
        rc.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("accounts", accounts).encode());
      })
      .onFailure(rc::fail);
  }
}
