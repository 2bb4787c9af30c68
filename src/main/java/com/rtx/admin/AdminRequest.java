package com.rtx.admin;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * One admin API request as the gateway forwards it ({@link com.rtx.platform.AdminAddresses#API}):
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
    return Long.parseLong(path.getString(name));
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
    return value == null ? null : Long.parseLong(value);
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
