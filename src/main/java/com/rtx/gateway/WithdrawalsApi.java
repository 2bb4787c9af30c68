package com.rtx.gateway;

import com.rtx.core.money.Money;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Withdrawal requests of traders: {@code POST /api/v1/accounts/{id}/withdrawals} files a pending
 * balance request (table {@code balance_request}, requester the trader), which staff approve or
 * reject in the admin API — the money moves only on approval, through the account's dealing
 * shard, which refuses it if the free margin does not cover it. {@code GET} lists them.
 */
final class WithdrawalsApi implements ApiOperations {

  private final Pool pool;
  private final AccountAccess access;
  private final Clock clock;

  WithdrawalsApi(Pool pool, AccountAccess access, Clock clock) {
    this.pool = pool;
    this.access = access;
    this.clock = clock;
  }

  @Override
  public void register(RouterBuilder rb) {
    ApiOperations.route(rb, "requestWithdrawal").addHandler(this::request);
    ApiOperations.route(rb, "listWithdrawals").addHandler(this::list);
  }

  private void request(RoutingContext rc) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    JsonObject body = RequestValues.body(rc);
    if (body.getString("comment", "").indexOf('\u0000') >= 0) {
      // PostgreSQL text cannot hold NUL: refused before anything is stored (it answered 500).
      throw new ApiException(ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, "comment must not contain NUL", "comment"));
    }
    TraderPrincipal trader = TraderPrincipal.of(rc);
    access.check(rc, accountId)
      .compose(id -> pool.preparedQuery("SELECT currency FROM account WHERE id = $1").execute(Tuple.of(accountId)))
      .compose(rows -> {
        String currency = rows.iterator().next().getString("currency").trim();
        BigDecimal amount = amount(body.getString("amount"), currency);
        String comment = body.getString("comment", "");
        return pool.preparedQuery("INSERT INTO balance_request (account_id, type, amount, reason, status, requested_by, "
            + "requested_by_trader, requested_at) VALUES ($1, 'WITHDRAWAL', $2, $3, 'PENDING', NULL, $4, $5) RETURNING id")
          .execute(Tuple.of(accountId, amount, "trader request" + (comment.isBlank() ? "" : ": " + comment),
            trader.traderId(), clock.instant().atOffset(ZoneOffset.UTC)))
          .map(inserted -> new JsonObject().put("requestId", inserted.iterator().next().getLong("id"))
            .put("accountId", accountId).put("amount", amount.toPlainString()).put("currency", currency)
            .put("status", "PENDING"));
      })
      .onSuccess(json -> rc.response().setStatusCode(202).putHeader("Content-Type", "application/json").end(json.encode()))
      .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    access.check(rc, accountId)
      .compose(id -> pool.preparedQuery("SELECT id, amount, status, requested_at, decided_at FROM balance_request "
        + "WHERE account_id = $1 AND type = 'WITHDRAWAL' ORDER BY id DESC LIMIT 100").execute(Tuple.of(accountId)))
      .onSuccess(rows -> {
        JsonArray list = new JsonArray();
        for (Row r : rows) {
          list.add(new JsonObject().put("requestId", r.getLong("id")).put("amount", r.getBigDecimal("amount")
              .stripTrailingZeros().toPlainString()).put("status", r.getString("status"))
            .put("requestedAt", r.getOffsetDateTime("requested_at").toInstant().toString())
            .put("decidedAt", r.getOffsetDateTime("decided_at") == null ? null
              : r.getOffsetDateTime("decided_at").toInstant().toString()));
        }
        rc.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("withdrawals", list).encode());
      })
      .onFailure(rc::fail);
  }

  /** What {@code balance_request.amount} (numeric(20,8)) holds: no larger request could be filed, let alone paid. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999");

  /** The amount in the account currency's digits, positive and at most MAX_AMOUNT; else 400 naming {@code amount}. */
  private static BigDecimal amount(String value, String currency) {
    try {
      Money money = Money.of(currency, new BigDecimal(value));
      if (money.signum() <= 0 || money.toBigDecimal().compareTo(MAX_AMOUNT) > 0) {
        throw new ArithmeticException("not positive or too large");
      }
      return money.toBigDecimal();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ApiException(ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, "amount must be a positive amount of "
        + currency + " with its currency's digits, at most " + MAX_AMOUNT, "amount"));
    }
  }
}
