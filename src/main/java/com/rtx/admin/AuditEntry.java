package com.rtx.admin;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One audit row before it is chained: who (staff id, username, role at the time), what
 * ({@code action}: the operationId or a security event such as {@code login.failed}), the outcome,
 * the target, the state before and after (JSON, null when not applicable) and where the request
 * came from.
 */
record AuditEntry(Instant at, Actor actor, String action, String outcome, String targetType, String targetId,
                  JsonObject before, JsonObject after, String ip, String userAgent, String requestId) {

  static final String OK = "OK";
  static final String DENIED = "DENIED";
  static final String FAILED = "FAILED";
  static final String PENDING = "PENDING";

  /**
   * This entry as dealing writes it in the transaction of the change it audits (see
   * {@code com.rtx.bus.DealingAddresses}: the {@code audit} field of a balance operation).
   */
  JsonObject toDealing() {
    Actor a = actor == null ? Actor.ANONYMOUS : actor;
    return new JsonObject().put("at", at.toString()).put("actorId", a.staffId()).put("actorUsername", a.username())
      .put("actorRole", a.role()).put("action", action).put("targetType", targetType).put("targetId", targetId)
      .put("before", before).put("after", after).put("ip", ip).put("userAgent", userAgent).put("requestId", requestId);
  }

  static AuditEntry of(Instant at, AdminRequest req, Actor actor, String action, String outcome) {
    return new AuditEntry(at, actor, action, outcome, null, null, null, null, req.ip(), req.userAgent(), req.requestId());
  }

  AuditEntry target(String type, Object id) {
    return new AuditEntry(at, actor, action, outcome, type, id == null ? null : id.toString(), before, after, ip,
      userAgent, requestId);
  }

  AuditEntry change(JsonObject before, JsonObject after) {
    return new AuditEntry(at, actor, action, outcome, targetType, targetId, before, after, ip, userAgent, requestId);
  }

  AuditEntry outcome(String outcome) {
    return new AuditEntry(at, actor, action, outcome, targetType, targetId, before, after, ip, userAgent, requestId);
  }
}
