package com.rtx.admin;

import com.rtx.core.trading.RejectReason;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * A refused admin request: HTTP status, stable code, safe message, and the offending field. The
 * code is an {@link ApiErrorCode} (answered with its own status unless the admin role says
 * otherwise) or a {@link RejectReason}.
 */
final class AdminException extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;
  private final long retryAfterSeconds;

  AdminException(ApiErrorCode code, String message, String field) {
    this(code.status(), code.name(), message, field, 0);
  }

  AdminException(ApiErrorCode code, String message, String field, long retryAfterSeconds) {
    this(code.status(), code.name(), message, field, retryAfterSeconds);
  }

  /** A code answered with another status than its own, for this operation only. */
  AdminException(int status, ApiErrorCode code, String message, String field) {
    this(status, code.name(), message, field, 0);
  }

  AdminException(RejectReason reason, String message, String field) {
    this(ApiErrorCode.statusOf(reason), reason.name(), message, field, 0);
  }

  private AdminException(int status, String code, String message, String field, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 404 {@code code}: "no {@code what} {@code id}". */
  static AdminException notFound(ApiErrorCode code, String what, Object id, String field) {
    return new AdminException(code, "no " + what + " " + id, field);
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
