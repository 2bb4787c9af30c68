package com.rtx.gateway;

import io.vertx.core.json.JsonObject;

/**
 * The one error body of every 4xx/5xx answer:
 * {@code {"error":{"code":"...","message":"...","field":"..."}}}. {@code code} is a stable
 * machine-readable reason; {@code field} names the offending input, or is null.
 */
public record ApiError(int status, String code, String message, String field) {

  public JsonObject toJson() {
    return new JsonObject().put("error", new JsonObject()
      .put("code", code).put("message", message).put("field", field));
  }

  /** The error for a status Vert.x Web raised itself (no route, wrong method, body too large...). */
  public static ApiError forStatus(int status, String method, String path) {
    return switch (status) {
      case 404 -> new ApiError(404, "NOT_FOUND", "no resource at " + method + " " + path, null);
      case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path, null);
      case 413 -> new ApiError(413, "PAYLOAD_TOO_LARGE", "request body is too large", null);
      case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "unsupported content type", null);
      case 400 -> new ApiError(400, "BAD_REQUEST", "malformed request", null);
      case 503 -> new ApiError(503, "SERVICE_UNAVAILABLE", "service unavailable", null);
      default -> status >= 500
        ? new ApiError(status, "INTERNAL_ERROR", "internal error; quote the request id to support", null)
        : new ApiError(status, "HTTP_" + status, "request failed", null);
    };
  }
}
