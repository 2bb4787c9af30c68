package com.rtx.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field-by-field difference of two JSON snapshots: nested objects are compared by dotted path
 * ({@code overrides.EURUSD.bidPoints}), arrays and scalars as values. A missing field and null
 * are the same.
 */
final class JsonDiff {

  private JsonDiff() {
  }

  /** {@code [{"field", "from", "to"}, ...]} in field order; empty when equal. Null snapshots are empty objects. */
  static JsonArray of(JsonObject from, JsonObject to) {
    Map<String, Object> a = flatten(from);
    Map<String, Object> b = flatten(to);
    TreeSet<String> fields = new TreeSet<>(a.keySet());
    fields.addAll(b.keySet());
    JsonArray changes = new JsonArray();
    for (String field : fields) {
      Object x = a.get(field);
      Object y = b.get(field);
      if (!Objects.equals(x, y)) {
        changes.add(new JsonObject().put("field", field).put("from", x).put("to", y));
      }
    }
    return changes;
  }

  private static Map<String, Object> flatten(JsonObject json) {
    Map<String, Object> out = new TreeMap<>();
    if (json != null) {
      flatten("", json, out);
    }
    return out;
  }

  private static void flatten(String prefix, JsonObject json, Map<String, Object> out) {
    for (String name : json.fieldNames()) {
      Object value = json.getValue(name);
      String path = prefix + name;
      if (value instanceof JsonObject nested) {
        flatten(path + ".", nested, out);
      } else if (value != null) {
        out.put(path, value instanceof JsonArray array ? array.copy() : value);
      }
    }
  }
}
