package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Checks that an account belongs to the request's trader before anything is done with it.
 * Another trader's account and a missing one get the same 404 {@code ACCOUNT_NOT_FOUND}, so
 * account ids cannot be probed.
 */
public final class AccountAccess {

  /** An account never changes owner, so a confirmed owner is kept (bounded; refetched when cleared). */
  private static final int CACHE_LIMIT = 100_000;

  private final Pool pool;
  private final java.util.Map<Long, Long> owners = new java.util.concurrent.ConcurrentHashMap<>();

  public AccountAccess(Pool pool) {
    this.pool = pool;
  }

  /** Succeeds with {@code accountId} when it is the trader's; fails with the 404 ApiException otherwise. */
  public Future<Long> check(TraderPrincipal trader, long accountId) {
    Long owner = owners.get(accountId);
    if (owner != null && owner == trader.traderId()) {
      return Future.succeededFuture(accountId);
    }
    return pool.preparedQuery("SELECT 1 FROM account WHERE id = $1 AND trader_id = $2")
      .execute(Tuple.of(accountId, trader.traderId()))
      .compose(rows -> rows.size() == 1 ? Future.succeededFuture(remember(accountId, trader.traderId())) : Future.failedFuture(
        new ApiException(ApiError.of(ApiErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, "accountId"))));
  }

  private long remember(long accountId, long traderId) {
    if (owners.size() >= CACHE_LIMIT) {
      owners.clear();
    }
    owners.put(accountId, traderId);
    return accountId;
  }

  /**
   * The client group of the trader's first account (lowest id), or null when they hold none: what
   * an authenticated WebSocket prices quotes with before it subscribes to a particular account.
   */
  public Future<String> primaryGroup(long traderId) {
    return pool.preparedQuery("SELECT group_name FROM account WHERE trader_id = $1 ORDER BY id LIMIT 1")
      .execute(Tuple.of(traderId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("group_name"));
  }

  /** {@link #check} for the request's authenticated trader. */
  public Future<Long> check(RoutingContext rc, long accountId) {
    return check(TraderPrincipal.of(rc), accountId);
  }
}
