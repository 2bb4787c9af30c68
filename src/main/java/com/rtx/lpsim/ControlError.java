package com.rtx.lpsim;

import io.vertx.core.json.JsonObject;

/**
 * A control-endpoint failure in the engine's one error shape,
 * {@code {"error":{"code":"...","message":"...","field":"..."}}}, with its HTTP status.
 * Thrown by handlers (or built from an {@link LpSimException}) and written by the router's error
 * handler.
 */
final class ControlError extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;

  ControlError(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static ControlError of(LpSimException e) {
    int status = switch (e.reason()) {
      case UNKNOWN_LP, UNKNOWN_SYMBOL -> 404;
      case SYMBOL_STALE, NOT_LOGGED_ON -> 409;
      case PRICE_OUT_OF_RANGE -> 400;
    };
    return new ControlError(status, e.reason().name(), e.getMessage(), e.field());
  }

  /** The error for a status Vert.x Web raised itself (no route, wrong method, body too large...). */
  static ControlError forStatus(int status, String method, String path) {
    return switch (status) {
      case 404 -> new ControlError(404, "NOT_FOUND", "no resource at " + method + " " + path, null);
      case 405 -> new ControlError(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path, null);
      case 413 -> new ControlError(413, "PAYLOAD_TOO_LARGE", "request body is too large", null);
      case 400 -> new ControlError(400, "BAD_REQUEST", "malformed request", null);
      default -> status >= 500
        ? new ControlError(status, "INTERNAL_ERROR", "internal error; see the simulator's log", null)
        : new ControlError(status, "HTTP_" + status, "request failed", null);
    };
  }

  int status() {
    return status;
  }

  JsonObject toJson() {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", getMessage())
      .put("field", field));
  }
}
