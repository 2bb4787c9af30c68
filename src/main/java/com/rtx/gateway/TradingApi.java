package com.rtx.gateway;

import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

import java.util.Set;

/**
 * Trading over REST: orders, positions and account state, each request checked against the
 * caller's accounts ({@link AccountAccess}, cached) and handed to the account's dealing shard
 * over the bus ({@link DealingAddresses}). The shard answers only after its commit, so a 200 is
 * durable. "No handlers" means the shard is between owners (503, retry); a timeout means the
 * outcome is unknown (504: retry with the same clientOrderId, which never fills twice).
 */
final class TradingApi implements ApiOperations {

  private static final long REQUEST_TIMEOUT_MS = 10_000;
  private static final Set<String> ORDER_FIELDS = Set.of("symbol", "side", "type", "volume", "price",
    "stopLimitPrice", "sl", "tp", "trailingPoints", "timeInForce", "expireAt", "maxDeviation", "clientOrderId");

  private final DealingCalls dealing;
  private final AccountAccess access;
  private final OrderRateLimiter limiter;
  private final io.micrometer.core.instrument.MeterRegistry metrics;
  private final java.util.Map<String, OrderMeters> meters = new java.util.HashMap<>();

  TradingApi(Vertx vertx, AccountAccess access, int shards, OrderRateLimiter limiter,
             io.micrometer.core.instrument.MeterRegistry metrics) {
    this.dealing = new DealingCalls(vertx, shards, REQUEST_TIMEOUT_MS);
    this.access = access;
    this.limiter = limiter;
    this.metrics = metrics;
  }

  /**
   * {@code rtx_orders_total{status}} and {@code rtx_order_latency_seconds{status}} (histogram):
   * order entry from the request's arrival to the answer (for FILLED/ACCEPTED, after the commit).
   */
  private void record(long startedNanos, String status) {
    // Looked up once per outcome: registering on every order is a registry lookup on the hot path.
    meters.computeIfAbsent(status, s -> new OrderMeters(
      io.micrometer.core.instrument.Counter.builder("rtx_orders_total").tag("status", s)
        .description("Orders answered over REST, by outcome").register(metrics),
      io.micrometer.core.instrument.Timer.builder("rtx_order_latency").tag("status", s)
        .description("Order entry, request received to answer sent").publishPercentileHistogram()
        .serviceLevelObjectives(java.time.Duration.ofMillis(100)) // the le="0.1" bucket the latency SLO counts
        .register(metrics)))
      .record(System.nanoTime() - startedNanos);
  }

  private record OrderMeters(io.micrometer.core.instrument.Counter count, io.micrometer.core.instrument.Timer latency) {
    void record(long nanos) {
      count.increment();
      latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void register(RouterBuilder rb) {
    ApiOperations.route(rb, "placeOrder").addHandler(this::placeOrder);
    ApiOperations.route(rb, "getAccount").addHandler(rc -> read(rc, null));
    ApiOperations.route(rb, "listPositions").addHandler(rc -> read(rc, "positions"));
    ApiOperations.route(rb, "listOrders").addHandler(rc -> read(rc, "orders"));
    ApiOperations.route(rb, "modifyOrder").addHandler(rc -> command(rc, "modifyOrder", "orderId"));
    ApiOperations.route(rb, "cancelOrder").addHandler(rc -> command(rc, "cancelOrder", "orderId"));
    ApiOperations.route(rb, "modifyPosition").addHandler(rc -> command(rc, "modifyPosition", "positionId"));
    ApiOperations.route(rb, "closePosition").addHandler(rc -> command(rc, "closePosition", "positionId"));
    ApiOperations.route(rb, "closeBy").addHandler(rc -> command(rc, "closeBy", "positionId"));
  }

  private void placeOrder(RoutingContext rc) {
    long started = System.nanoTime();
    JsonObject body = rc.body().asJsonObject();
    long accountId = body.getLong("accountId");
    JsonObject request = new JsonObject().put("op", "placeOrder").put("accountId", accountId);
    ORDER_FIELDS.forEach(f -> {
      if (body.getValue(f) != null) {
        request.put(f, body.getValue(f));
      }
    });
    access.check(rc, accountId)
      .compose(id -> DealingCalls.read(request))
      .compose(order -> limiter.acquire(accountId).compose(v -> dealing.send(order)))
      .onSuccess(reply -> {
        record(started, reply.status().name());
        respond(rc, reply);
      })
      .onFailure(e -> {
        record(started, e instanceof ApiException api ? api.error().code() : "ERROR");
        rc.fail(e);
      });
  }

  private void command(RoutingContext rc, String op, String idParam) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    // Only operations whose contract has a body had it validated as JSON; cancelOrder (DELETE) has none.
    JsonObject body = op.equals("cancelOrder") ? new JsonObject() : RequestValues.body(rc);
    JsonObject request = body.copy().put("op", op).put("accountId", accountId)
      .put(idParam, RequestValues.pathLong(rc, idParam));
    request.remove("audit"); // staff only: a trader's body never writes the audit log
    Future<Void> limited = op.equals("closePosition") || op.equals("closeBy") ? limiter.acquire(accountId)
      : Future.succeededFuture();
    access.check(rc, accountId)
      .compose(id -> DealingCalls.read(request))
      .compose(command -> limited.compose(v -> dealing.send(command)))
      .onSuccess(reply -> respond(rc, reply))
      .onFailure(rc::fail);
  }

  private void read(RoutingContext rc, String part) {
    long accountId = RequestValues.pathLong(rc, "accountId");
    access.check(rc, accountId)
      .compose(id -> dealing.send(new DealingRequest.ReadAccount(accountId)))
      .onSuccess(reply -> {
        JsonObject body = new JsonObject();
        if (part == null) {
          body.put("account", reply.account()).put("positions", reply.positions()).put("orders", reply.orders());
        }
        if ("positions".equals(part)) {
          body.put("positions", reply.positions());
        } else if ("orders".equals(part)) {
          body.put("orders", reply.orders());
        }
        rc.response().putHeader("Content-Type", "application/json").end(body.encode());
      })
      .onFailure(rc::fail);
  }

  private static void respond(RoutingContext rc, DealingReply reply) {
    JsonObject body = reply.toJson();
    body.remove("replay");
    body.remove("batchId");
    if (reply.replay()) {
      rc.response().putHeader("Idempotent-Replay", "true");
    }
    rc.response().setStatusCode(DealingCalls.httpStatus(reply)).putHeader("Content-Type", "application/json")
      .end(body.encode());
  }
}
