package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * One admin API request as the gateway forwards it ({@link com.rtx.bus.AdminAddresses#API}):
 * already authenticated (when the operation is secured) and valid against the contract.
 */
record AdminRequest(String operationId, JsonObject path, JsonObject query, JsonObject body, JsonObject staff,
                    String ip, String userAgent, String requestId) {

  static AdminRequest of(JsonObject message) {
    Object body = message.getValue("body");
    return new AdminRequest(message.getString("operationId"), message.getJsonObject("path", new JsonObject()),
      message.getJsonObject("query", new JsonObject()), body instanceof JsonObject o ? o : new JsonObject(),
      message.getJsonObject("staff"), message.getString("ip"), message.getString("userAgent"),
      message.getString("requestId"));
  }

  long pathLong(String name) {
    return whole(path.getString(name), name);
  }

  /**
   * {@code text} as a long. The contract's {@code integer} lets through what a long cannot hold
   * ({@code 99999999999999999999}) and integral forms such as {@code 1.0}: those are the caller's
   * error, 400 naming {@code field}, never a 500.
   */
  static long whole(String text, String field) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new AdminException(ApiErrorCode.VALIDATION_INVALID_VALUE, field + " must be a whole number of at most 19 digits",
        field);
    }
  }

  String pathString(String name) {
    return path.getString(name);
  }

  /** A query parameter, or null. */
  String query(String name) {
    Object value = query.getValue(name);
    return value == null ? null : value.toString();
  }

  Long queryLong(String name) {
    String value = query(name);
    return value == null ? null : whole(value, name);
  }

  int limit(int fallback) {
    Long limit = queryLong("limit");
    return limit == null ? fallback : limit.intValue();
  }

  Long staffId() {
    return staff == null ? null : staff.getLong("staffId");
  }

  UUID sessionId() {
    return staff == null ? null : UUID.fromString(staff.getString("sessionId"));
  }
}
