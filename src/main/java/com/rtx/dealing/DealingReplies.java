package com.rtx.dealing;

import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.trading.RejectReason;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The reply bodies of dealing requests (see {@link com.rtx.bus.DealingAddresses}): every reply
 * carries {@code httpStatus}; refusals and errors carry {@code error: {code, message, field}}. The
 * statuses of refusals and errors come from {@link ApiErrorCode}, the one place codes map to them.
 */
final class DealingReplies {

  private DealingReplies() {
  }

  static JsonObject rejected(RejectReason reason, String detail) {
    return new JsonObject().put("httpStatus", ApiErrorCode.statusOf(reason))
      .put("status", "REJECTED").put("reason", reason.name()).put("code", reason.code())
      .put("message", reason.description()).put("detail", detail)
      .put("error", new JsonObject().put("code", reason.name()).put("message", reason.description()
        + (detail == null ? "" : ": " + detail)));
  }

  static JsonObject accepted(List<AccountEvent> events, JsonArray eventsJson) {
    String status = "OK";
    Long orderId = null;
    for (AccountEvent e : events) {
      if (e instanceof AccountEvent.OrderFilled f && orderId == null) {
        status = "FILLED";
        orderId = f.order().id();
      } else if (e instanceof AccountEvent.OrderAccepted a && orderId == null) {
        status = "ACCEPTED";
        orderId = a.order().id();
      } else if (e instanceof AccountEvent.OrderCancelled c && orderId == null) {
        status = "CANCELLED";
        orderId = c.order().id();
      } else if (e instanceof AccountEvent.OrderModified m && orderId == null) {
        orderId = m.order().id();
      } else if (e instanceof AccountEvent.OrderSentToLp l && orderId == null) {
        status = "SENT_TO_LP";
        orderId = l.order().id();
      } else if (e instanceof AccountEvent.OrderRejected r && orderId == null) {
        status = "REJECTED";
        orderId = r.order().id();
      }
    }
    int httpStatus = switch (status) {
      case "SENT_TO_LP" -> 202;
      case "REJECTED" -> 422;
      default -> 200;
    };
    JsonObject reply = new JsonObject().put("httpStatus", httpStatus).put("status", status).put("events", eventsJson);
    if (orderId != null) {
      reply.put("orderId", orderId);
    }
    return reply;
  }

  static JsonObject unavailable() {
    return error(ApiErrorCode.DEALING_UNAVAILABLE, "the account's dealing shard is not available right now; retry shortly",
      null);
  }

  /** An error reply; its {@code httpStatus} is the code's own (dealing picks no statuses). */
  static JsonObject error(ApiErrorCode code, String message, String field) {
    JsonObject error = new JsonObject().put("code", code.name()).put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    return new JsonObject().put("httpStatus", code.status()).put("error", error);
  }
}
