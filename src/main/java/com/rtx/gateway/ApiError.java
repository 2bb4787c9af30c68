package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * The one error body of every 4xx/5xx answer:
 * {@code {"error":{"code":"...","message":"...","field":"..."}}}. {@code code} is a stable
 * machine-readable reason, an {@link ApiErrorCode} or a {@link com.rtx.core.trading.RejectReason}
 * name (as dealing and admin replies carry it); {@code field} names the offending input, or is null.
 */
public record ApiError(int status, String code, String message, String field) {

  /** The error with the code's own status. */
  public static ApiError of(ApiErrorCode code, String message, String field) {
    return new ApiError(code.status(), code.name(), message, field);
  }

  public JsonObject toJson() {
    return new JsonObject().put("error", new JsonObject()
      .put("code", code).put("message", message).put("field", field));
  }

  /**
   * The error for a status Vert.x Web raised itself (no route, wrong method, body too large...).
   * A status without a code of its own keeps its number with the nearest code: BAD_REQUEST for a
   * 4xx, INTERNAL_ERROR for a 5xx.
   */
  public static ApiError forStatus(int status, String method, String path) {
    return switch (status) {
      case 404 -> of(ApiErrorCode.NOT_FOUND, "no resource at " + method + " " + path, null);
      case 405 -> of(ApiErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path, null);
      case 413 -> of(ApiErrorCode.PAYLOAD_TOO_LARGE, "request body is too large", null);
      case 415 -> of(ApiErrorCode.VALIDATION_UNSUPPORTED_MEDIA_TYPE, "unsupported content type", null);
      case 400 -> of(ApiErrorCode.BAD_REQUEST, "malformed request", null);
      case 503 -> of(ApiErrorCode.SERVICE_UNAVAILABLE, "service unavailable", null);
      default -> status >= 500
        ? new ApiError(status, ApiErrorCode.INTERNAL_ERROR.name(), "internal error; quote the request id to support", null)
        : new ApiError(status, ApiErrorCode.BAD_REQUEST.name(), "request failed", null);
    };
  }
}
