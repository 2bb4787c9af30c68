package com.rtx.dealing;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import com.rtx.bus.InvalidRequest;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one message of {@code rtx.dealing.shard.<n>}: a {@link DealingRequest} record (a Java
 * sender, on this node or decoded from the wire by its codec) is answered with a
 * {@link DealingReply} record or failed with a {@link DealingFailure}; a JSON body (a sender in
 * another language, or a tool) is read by {@link DealingRequests} and answered in JSON: the reply's
 * {@code toJson()}, or {@code message.fail(status, failure JSON)}.
 */
final class ShardRequests {

  private static final Logger LOG = LoggerFactory.getLogger(ShardRequests.class);

  private ShardRequests() {
  }

  static void serve(int shard, DealingShard s, Message<Object> m) {
    boolean json = m.body() instanceof JsonObject;
    DealingRequest request;
    try {
      request = json ? DealingRequests.fromJson((JsonObject) m.body()) : (DealingRequest) m.body();
    } catch (InvalidRequest e) {
      fail(m, json, DealingReplies.failure(ApiErrorCode.VALIDATION_INVALID_VALUE, e.getMessage(), e.field()));
      return;
    } catch (ClassCastException e) {
      fail(m, json, DealingReplies.failure(ApiErrorCode.VALIDATION_INVALID_VALUE, "not a dealing request", null));
      return;
    }
    s.request(request).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(json ? ar.result().toJson() : ar.result());
      } else if (ar.cause() instanceof DealingFailure f) {
        fail(m, json, f);
      } else {
        // Logged here, answered without its text: internals never reach a client.
        LOG.error("shard {}: a request failed", shard, ar.cause());
        fail(m, json, DealingReplies.failure(ApiErrorCode.INTERNAL_ERROR, "the request could not be served", null));
      }
    });
  }

  private static void fail(Message<Object> m, boolean json, DealingFailure failure) {
    if (json) {
      m.fail(failure.failureCode(), failure.toJson().encode());
    } else {
      m.reply(failure);
    }
  }
}
