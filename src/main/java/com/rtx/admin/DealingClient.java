package com.rtx.admin;

import com.rtx.bus.DealingAddresses;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Sends dealing requests ({@link DealingAddresses} documents them) to the account's shard. The
 * reply's {@code httpStatus} is kept; an unreachable shard becomes a 503 reply, never a failure.
 */
final class DealingClient {

  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final int shards;

  DealingClient(Vertx vertx, int shards) {
    this.vertx = vertx;
    this.shards = shards;
  }

  Future<JsonObject> send(long accountId, JsonObject request) {
    request.put("accountId", accountId);
    return vertx.eventBus().<JsonObject>request(DealingAddresses.shard(accountId, shards), request,
        new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
      .map(reply -> reply.body())
      .recover(e -> Future.succeededFuture(new JsonObject()
        .put("httpStatus", ApiErrorCode.DEALING_UNAVAILABLE.status())
        .put("error", new JsonObject().put("code", ApiErrorCode.DEALING_UNAVAILABLE.name())
          .put("message", "the account's dealing shard did not answer"
            + (e instanceof ReplyException r ? " (" + r.failureType() + ")" : "")))));
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
