package com.rtx.gateway;

import com.rtx.core.trading.RejectReason;
import com.rtx.execution.ExecutionRecords;
import com.rtx.execution.StopOutRecords;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * The "why" of a trader's orders: {@code GET /accounts/{accountId}/orders/{orderId}} (the order's
 * execution record) and {@code GET /accounts/{accountId}/stop-outs} (the stored evidence of each
 * stop-out, newest first). The account must be the caller's ({@link AccountAccess}: 404
 * ACCOUNT_NOT_FOUND otherwise), and an order is looked up within that account only, so another
 * account's order answers the same 404 ORDER_NOT_FOUND as one that does not exist.
 */
final class ExecutionApi implements ApiOperations {

  private final AccountAccess access;
  private final ExecutionRecords records;
  private final StopOutRecords stopOuts;

  ExecutionApi(AccountAccess access, ExecutionRecords records, StopOutRecords stopOuts) {
    this.access = access;
    this.records = records;
    this.stopOuts = stopOuts;
  }

  @Override
  public void register(RouterBuilder rb) {
    ApiOperations.route(rb, "getOrderExecution").addHandler(this::order);
    ApiOperations.route(rb, "listStopOuts").addHandler(this::stopOuts);
  }

  private void order(RoutingContext rc) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    long orderId = RequestValues.pathLong(rc, "orderId");
    access.check(rc, accountId)
      .compose(id -> records.order(accountId, orderId))
      .compose(found -> found != null ? Future.succeededFuture(found) : Future.<JsonObject>failedFuture(new ApiException(
        new ApiError(404, RejectReason.ORDER_NOT_FOUND.name(), "no order " + orderId + " in account " + accountId,
          "orderId"))))
      .onSuccess(record -> json(rc, record))
      .onFailure(rc::fail);
  }

  private void stopOuts(RoutingContext rc) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    Long before = RequestValues.queryLong(rc, "before");
    String limit = rc.queryParams().get("limit");
    int max = limit == null ? 100 : (int) RequestValues.whole(limit, "limit"); // the contract bounds it to 1..500
    access.check(rc, accountId)
      .compose(id -> stopOuts.list(accountId, before, max))
      .onSuccess(page -> json(rc, page))
      .onFailure(rc::fail);
  }

  private static void json(RoutingContext rc, JsonObject body) {
    rc.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
