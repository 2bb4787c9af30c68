package com.rtx.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * A dealing request the shard could not serve — not a business rejection, which is a
 * {@link DealingReply}: no such account, a field the shard's reference data refuses, the shard
 * between owners, a commit that failed. The shard answers it as the reply body, so the sender's
 * request future fails with it ({@code message.fail} with a field). {@code code} is a name of the
 * API error vocabulary ({@code ApiErrorCode}); the failure code is that code's usual HTTP status,
 * for senders that read only the number. Between nodes it travels as {@link #toJson()}; a sender
 * that sent JSON gets a plain {@code message.fail(status, message)}.
 */
public final class DealingFailure extends ReplyException {

  private final String code;
  private final String field;

  public DealingFailure(String code, int status, String message, String field) {
    super(ReplyFailure.RECIPIENT_FAILURE, status, message);
    this.code = code;
    this.field = field;
  }

  /** The API error code's name, e.g. {@code ACCOUNT_NOT_FOUND}. */
  public String code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("status", failureCode()).put("message", getMessage())
      .put("field", field);
  }

  public static DealingFailure fromJson(JsonObject json) {
    return new DealingFailure(json.getString("code"), json.getInteger("status", 500), json.getString("message"),
      json.getString("field"));
  }
}
