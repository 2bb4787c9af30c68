package com.rtx.admin;

import com.rtx.core.trading.RejectReason;
import com.rtx.execution.ExecutionRecords;
import com.rtx.execution.StopOutRecords;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.Map;

/**
 * The blotter's "why": an order's execution record ({@code getOrderExecution}) and an account's
 * stop-outs with their evidence ({@code listStopOuts}), the same records traders read of their
 * own accounts ({@link ExecutionRecords}, {@link StopOutRecords}). Reads only; the permission
 * (orders.read) is checked before a handler runs.
 */
final class ExecutionOps implements AdminOperations {

  private final Pool pool;
  private final ExecutionRecords records;
  private final StopOutRecords stopOuts;

  ExecutionOps(Pool pool) {
    this.pool = pool;
    this.records = new ExecutionRecords(pool);
    this.stopOuts = new StopOutRecords(pool);
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("getOrderExecution", (req, actor) -> {
      long accountId = req.pathLong("accountId");
      long orderId = req.pathLong("orderId");
      return records.order(accountId, orderId).compose(found -> found != null ? Future.succeededFuture(AdminReply.ok(found))
        : Future.failedFuture(new AdminException(RejectReason.ORDER_NOT_FOUND, "no order " + orderId + " in account "
          + accountId, "orderId")));
    });
    handlers.put("listStopOuts", (req, actor) -> {
      long accountId = req.pathLong("accountId");
      Long before = req.queryLong("before");
      int limit = req.limit(100);
      return pool.preparedQuery("SELECT 1 FROM account WHERE id = $1").execute(Tuple.of(accountId))
        .compose(rows -> rows.size() == 0
          ? Future.failedFuture(AdminException.notFound(ApiErrorCode.ACCOUNT_NOT_FOUND, "account", accountId, "accountId"))
          : stopOuts.list(accountId, before, limit).map(AdminReply::ok));
    });
  }
}
