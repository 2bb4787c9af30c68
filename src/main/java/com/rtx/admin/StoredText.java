package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Text PostgreSQL refuses to store: a NUL character (not allowed in {@code text}) or half of a
 * surrogate pair (not encodable as UTF-8). Every admin request is checked before its handler runs,
 * so such input is a 400 naming the field, never a database error whose text reaches the client.
 * Anything else is stored as given and always served as JSON data, never markup.
 */
final class StoredText {

  private StoredText() {
  }

  /** The refusal for the first unstorable string of the request (path, query, then body), or null. */
  static AdminException check(AdminRequest req) {
    String field = firstBad(req.path(), null);
    if (field == null) {
      field = firstBad(req.query(), null);
    }
    if (field == null) {
      field = firstBad(req.body(), null);
    }
    return field == null ? null : new AdminException(ApiErrorCode.VALIDATION_INVALID_VALUE,
      "text must not contain NUL or unpaired surrogate characters", field);
  }

  private static String firstBad(Object value, String name) {
    if (value instanceof String s) {
      return storable(s) ? null : (name == null ? "body" : name);
    }
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        if (!storable(e.getKey())) {
          return name == null ? "body" : name;
        }
        String bad = firstBad(e.getValue(), name == null ? e.getKey() : name + "." + e.getKey());
        if (bad != null) {
          return bad;
        }
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        String bad = firstBad(a.getValue(i), name == null ? "body" : name);
        if (bad != null) {
          return bad;
        }
      }
    }
    return null;
  }

  static boolean storable(String s) {
    return com.rtx.platform.text.StorableText.storable(s);
  }
}

