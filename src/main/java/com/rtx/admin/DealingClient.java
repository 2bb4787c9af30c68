package com.rtx.admin;

import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import com.rtx.bus.InvalidRequest;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Sends dealing requests ({@link DealingAddresses} documents them) to the account's shard: the
 * request is read at this edge ({@link DealingRequests}) and travels as a record; the answer comes
 * back as the admin API's reply JSON — the shard's reply or failure with the {@code httpStatus} the
 * admin API answers. An unreachable shard becomes a 503 reply, never a failure, so that every
 * outcome can be audited.
 */
final class DealingClient {

  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final int shards;

  DealingClient(Vertx vertx, int shards) {
    DealingCodecs.register(vertx.eventBus());
    this.vertx = vertx;
    this.shards = shards;
  }

  Future<JsonObject> send(long accountId, JsonObject request) {
    DealingRequest typed;
    try {
      typed = DealingRequests.fromJson(request.copy().put("accountId", accountId));
    } catch (InvalidRequest e) {
      return Future.succeededFuture(error(ApiErrorCode.VALIDATION_INVALID_VALUE.name(),
        ApiErrorCode.VALIDATION_INVALID_VALUE.status(), e.getMessage(), e.field()));
    }
    return vertx.eventBus().<DealingReply>request(DealingAddresses.shard(accountId, shards), typed,
        new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
      .map(reply -> {
        DealingReply body = reply.body();
        return body.toJson().put("httpStatus", ApiErrorCode.statusOfOutcome(body.status().name(), body.reason()));
      })
      .recover(e -> Future.succeededFuture(e instanceof DealingFailure f
        ? error(f.code(), ApiErrorCode.statusOf(f.code()), f.getMessage(), f.field())
        : error(ApiErrorCode.DEALING_UNAVAILABLE.name(), ApiErrorCode.DEALING_UNAVAILABLE.status(),
          "the account's dealing shard did not answer" + (e instanceof ReplyException r ? " (" + r.failureType() + ")" : ""),
          null)));
  }

  private static JsonObject error(String code, int status, String message, String field) {
    JsonObject error = new JsonObject().put("code", code).put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    return new JsonObject().put("httpStatus", status).put("error", error);
  }

  /** The dealing reply as an admin reply: its status, the body without {@code httpStatus}. */
  static AdminReply toReply(JsonObject dealing) {
    JsonObject body = dealing.copy();
    int status = body.getInteger("httpStatus", 200);
    body.remove("httpStatus");
    return AdminReply.status(status, body);
  }

  static boolean ok(JsonObject dealing) {
    return dealing.getInteger("httpStatus", 200) < 300;
  }
}
