package com.rtx.dealing;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.core.dealing.AccountEvent;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonArray;

import java.util.List;

/**
 * The answers of dealing requests ({@link com.rtx.bus.DealingAddresses}): a command's
 * {@link DealingReply} and the {@link DealingFailure}s of requests the shard could not serve, named
 * by an {@link ApiErrorCode}.
 */
final class DealingReplies {

  private DealingReplies() {
  }

  /** The outcome of an accepted command: the first order event it produced names it. */
  static DealingReply accepted(List<AccountEvent> events, JsonArray eventsJson) {
    for (AccountEvent e : events) {
      if (e instanceof AccountEvent.OrderFilled f) {
        return DealingReply.outcome(DealingReply.Status.FILLED, f.order().id(), eventsJson);
      } else if (e instanceof AccountEvent.OrderAccepted a) {
        return DealingReply.outcome(DealingReply.Status.ACCEPTED, a.order().id(), eventsJson);
      } else if (e instanceof AccountEvent.OrderCancelled c) {
        return DealingReply.outcome(DealingReply.Status.CANCELLED, c.order().id(), eventsJson);
      } else if (e instanceof AccountEvent.OrderModified m) {
        return DealingReply.outcome(DealingReply.Status.OK, m.order().id(), eventsJson);
      } else if (e instanceof AccountEvent.OrderSentToLp l) {
        return DealingReply.outcome(DealingReply.Status.SENT_TO_LP, l.order().id(), eventsJson);
      } else if (e instanceof AccountEvent.OrderRejected r) {
        return DealingReply.outcome(DealingReply.Status.REJECTED, r.order().id(), eventsJson);
      }
    }
    return DealingReply.outcome(DealingReply.Status.OK, null, eventsJson);
  }

  static DealingFailure unavailable() {
    return failure(ApiErrorCode.DEALING_UNAVAILABLE, "the account's dealing shard is not available right now; retry shortly",
      null);
  }

  static DealingFailure failure(ApiErrorCode code, String message, String field) {
    return new DealingFailure(code.name(), code.status(), message, field);
  }
}
