package com.rtx.admin;

import io.vertx.core.json.JsonObject;

/** What the admin role answers the gateway: a status with a JSON body, or a text (CSV) body. */
record AdminReply(int status, Object body, String text, String contentType, JsonObject headers) {

  static AdminReply ok(Object body) {
    return new AdminReply(200, body, null, null, null);
  }

  static AdminReply status(int status, Object body) {
    return new AdminReply(status, body, null, null, null);
  }

  static AdminReply noContent() {
    return new AdminReply(204, null, null, null, null);
  }

  static AdminReply text(String contentType, String text, JsonObject headers) {
    return new AdminReply(200, null, text, contentType, headers);
  }

  static AdminReply error(AdminException e) {
    JsonObject headers = e.retryAfterSeconds() > 0
      ? new JsonObject().put("Retry-After", Long.toString(e.retryAfterSeconds())) : null;
    return new AdminReply(e.status(), e.toJson(), null, null, headers);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status);
    if (text != null) {
      json.put("text", text).put("contentType", contentType);
    } else {
      json.put("body", body);
    }
    if (headers != null) {
      json.put("headers", headers);
    }
    return json;
  }
}
