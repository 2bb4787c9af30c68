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
