package com.rtx.admin;

import io.vertx.core.json.JsonObject;

/** A refused admin request: HTTP status, stable code, safe message, and the offending field. */
final class AdminException extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;
  private final long retryAfterSeconds;

  AdminException(int status, String code, String message, String field) {
    this(status, code, message, field, 0);
  }

  AdminException(int status, String code, String message, String field, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static AdminException notFound(String what, Object id, String field) {
    return new AdminException(404, what.toUpperCase(java.util.Locale.ROOT) + "_NOT_FOUND", "no " + what + " " + id, field);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  JsonObject toJson() {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", getMessage()).put("field", field));
  }
}
