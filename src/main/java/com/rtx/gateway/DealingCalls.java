package com.rtx.gateway;

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
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's side of the dealing protocol: a client's request read at the edge
 * ({@link DealingRequests}: a wrong field is a 400 here, before any shard sees it), sent as a record
 * to the account's shard, and the shard's answer mapped to HTTP. "No handlers" means the shard is
 * between owners (503, retry); a timeout means the outcome is unknown (504: retry with the same
 * clientOrderId, which never fills twice).
 */
final class DealingCalls {

  private final Vertx vertx;
  private final int shards;
  private final long timeoutMs;

  DealingCalls(Vertx vertx, int shards, long timeoutMs) {
    DealingCodecs.register(vertx.eventBus());
    this.vertx = vertx;
    this.shards = shards;
    this.timeoutMs = timeoutMs;
  }

  /** Reads {@code json} as a dealing request; fails with a 400 naming the field it cannot read. */
  static Future<DealingRequest> read(JsonObject json) {
    try {
      return Future.succeededFuture(DealingRequests.fromJson(json));
    } catch (InvalidRequest e) {
      return Future.failedFuture(new ApiException(ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, e.getMessage(),
        e.field())));
    }
  }

  /** Sends {@code request}; fails with an {@link ApiException} carrying the status to answer. */
  Future<DealingReply> send(DealingRequest request) {
    return vertx.eventBus().<DealingReply>request(DealingAddresses.shard(request.accountId(), shards), request,
        new DeliveryOptions().setSendTimeout(timeoutMs))
      .map(m -> m.body())
      .recover(e -> Future.failedFuture(new ApiException(errorOf(e))));
  }

  private static ApiError errorOf(Throwable e) {
    if (e instanceof DealingFailure f) {
      return new ApiError(ApiErrorCode.statusOf(f.code()), f.code(), f.getMessage(), f.field());
    }
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT) {
      return ApiError.of(ApiErrorCode.OUTCOME_UNKNOWN, "dealing did not answer in time; the command may "
        + "or may not have been applied: retry with the same clientOrderId", null);
    }
    return ApiError.of(ApiErrorCode.DEALING_UNAVAILABLE, "the account's dealing shard is not available "
      + "right now; retry shortly", null);
  }

  /** The HTTP status of a served command: 202 while at an LP, a rejection's own, else 200. */
  static int httpStatus(DealingReply reply) {
    return ApiErrorCode.statusOfOutcome(reply.status().name(), reply.reason());
  }
}
