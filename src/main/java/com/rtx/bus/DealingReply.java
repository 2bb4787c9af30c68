package com.rtx.bus;

import com.rtx.core.trading.RejectReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A dealing shard's answer to a {@link DealingRequest} that it served: a command's outcome (a
 * business rejection included: {@link Status#REJECTED} with its {@link RejectReason}) or a read.
 * A request it could not serve fails instead ({@link DealingFailure}). It carries no HTTP status:
 * the gateway and the admin API map outcomes to theirs.
 *
 * <p>{@code events} are the account events as published on {@code rtx.account.<id>}
 * ({@code DealingJson#event} shapes); {@code account}, {@code positions} and {@code orders} the
 * summary and book as the account read shows them. Between nodes it travels as {@link #toJson()},
 * which is also what the shard stores as a client order id's result and what a replay returns.
 *
 * @param replay    true when it repeats the stored result of an earlier request with the same
 *                  clientOrderId
 * @param audited   true when the shard wrote the request's audit entry with the change
 * @param batchId   the group commit that made it durable (diagnostics)
 * @param reloaded  for {@code reload}: whether the account was in memory
 */
public record DealingReply(Status status, Long orderId, String clientOrderId, RejectReason reason, String detail,
                           String lp, String message, JsonArray events, JsonObject account, JsonArray positions,
                           JsonArray orders, boolean replay, boolean audited, Long batchId, Boolean reloaded) {

  /** A command's outcome; OK for one that places no order (a deposit, a modification, a read). */
  public enum Status {
    OK, FILLED, ACCEPTED, CANCELLED, REJECTED, SENT_TO_LP
  }

  public static DealingReply ok() {
    return new DealingReply(Status.OK, null, null, null, null, null, null, null, null, null, null, false, false,
      null, null);
  }

  public static DealingReply outcome(Status status, Long orderId, JsonArray events) {
    return new DealingReply(status, orderId, null, null, null, null, null, events, null, null, null, false, false,
      null, null);
  }

  public static DealingReply rejected(RejectReason reason, String detail) {
    return new DealingReply(Status.REJECTED, null, null, reason, detail, null, null, null, null, null, null, false,
      false, null, null);
  }

  public static DealingReply read(JsonObject account, JsonArray positions, JsonArray orders) {
    return new DealingReply(Status.OK, null, null, null, null, null, null, null, account, positions, orders, false,
      false, null, null);
  }

  /** An A-Book order still at its LP: the answer a client gets when the LP is slower than the shard waits. */
  public static DealingReply atLp(long orderId, String lp, JsonArray events, String message) {
    return new DealingReply(Status.SENT_TO_LP, orderId, null, null, null, lp, message, events, null, null, null, false,
      false, null, null);
  }

  public static DealingReply reloaded(boolean reloaded) {
    return new DealingReply(Status.OK, null, null, null, null, null, null, null, null, null, null, false, false, null,
      reloaded);
  }

  public boolean rejected() {
    return status == Status.REJECTED;
  }

  public DealingReply withOrderId(Long id) {
    return new DealingReply(status, id, clientOrderId, reason, detail, lp, message, events, account, positions, orders,
      replay, audited, batchId, reloaded);
  }

  public DealingReply withClientOrderId(String id) {
    return new DealingReply(status, orderId, id, reason, detail, lp, message, events, account, positions, orders,
      replay, audited, batchId, reloaded);
  }

  public DealingReply withEvents(JsonArray all) {
    return new DealingReply(status, orderId, clientOrderId, reason, detail, lp, message, all, account, positions, orders,
      replay, audited, batchId, reloaded);
  }

  public DealingReply withAccount(JsonObject summary) {
    return new DealingReply(status, orderId, clientOrderId, reason, detail, lp, message, events, summary, positions,
      orders, replay, audited, batchId, reloaded);
  }

  public DealingReply asReplay() {
    return new DealingReply(status, orderId, clientOrderId, reason, detail, lp, message, events, account, positions,
      orders, true, audited, batchId, reloaded);
  }

  public DealingReply asAudited() {
    return new DealingReply(status, orderId, clientOrderId, reason, detail, lp, message, events, account, positions,
      orders, replay, true, batchId, reloaded);
  }

  public DealingReply withBatchId(Long id) {
    return new DealingReply(status, orderId, clientOrderId, reason, detail, lp, message, events, account, positions,
      orders, replay, audited, id, reloaded);
  }

  /**
   * {@code {"status", "orderId", "clientOrderId", "events", "account", "positions", "orders", "lp",
   * "message", "replay", "audited", "batchId", "reloaded"}}, absent fields omitted; a rejection adds
   * {@code "reason"} (the {@link RejectReason} name), {@code "code"} (its number), {@code "message"}
   * (its description), {@code "detail"} and {@code "error": {"code", "message"}}.
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status.name());
    put(json, "orderId", orderId);
    put(json, "clientOrderId", clientOrderId);
    if (reason != null) {
      json.put("reason", reason.name()).put("code", reason.code()).put("message", reason.description())
        .put("detail", detail)
        .put("error", new JsonObject().put("code", reason.name())
          .put("message", reason.description() + (detail == null ? "" : ": " + detail)));
    } else {
      put(json, "message", message);
    }
    put(json, "lp", lp);
    put(json, "events", events);
    put(json, "account", account);
    put(json, "positions", positions);
    put(json, "orders", orders);
    if (replay) {
      json.put("replay", true);
    }
    if (audited) {
      json.put("audited", true);
    }
    put(json, "batchId", batchId);
    put(json, "reloaded", reloaded);
    return json;
  }

  /**
   * Reads {@link #toJson()}'s form, and the stored results of earlier versions (which also carried
   * an {@code httpStatus}, ignored here).
   *
   * @throws IllegalArgumentException when {@code status} or {@code reason} is not one of ours
   */
  public static DealingReply fromJson(JsonObject json) {
    Status status = Status.valueOf(json.getString("status", "OK"));
    String reason = json.getString("reason");
    Object orderId = json.getValue("orderId");
    Object batchId = json.getValue("batchId");
    return new DealingReply(status, orderId instanceof Number n ? n.longValue() : null, json.getString("clientOrderId"),
      reason == null ? null : RejectReason.valueOf(reason), json.getString("detail"), json.getString("lp"),
      reason == null ? json.getString("message") : null, json.getJsonArray("events"), json.getJsonObject("account"),
      json.getJsonArray("positions"), json.getJsonArray("orders"), json.getBoolean("replay", false),
      json.getBoolean("audited", false), batchId instanceof Number n ? n.longValue() : null,
      json.getBoolean("reloaded"));
  }

  private static void put(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
