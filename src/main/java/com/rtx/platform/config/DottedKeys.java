package com.rtx.platform.config;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads and writes nested JSON configuration through dotted keys such as {@code http.port}. */
public final class DottedKeys {

  private DottedKeys() {
  }

  /** True when the key is present in {@code json}, even with a null value. */
  public static boolean contains(JsonObject json, String dottedKey) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(node.getValue(parts[i]) instanceof JsonObject child)) {
        return false;
      }
      node = child;
    }
    return node.containsKey(parts[parts.length - 1]);
  }

  public static Object get(JsonObject json, String dottedKey) {
    String[] parts = dottedKey.split("\\.");
    Object node = json;
    for (String part : parts) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }

  public static void put(JsonObject json, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.getValue(parts[i]);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = (JsonObject) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  /**
   * Turns flat entries such as {@code {"pg.password": "x"}} (how ConfigMap and Secret data
   * arrive) into nested JSON; nested entries are kept as they are.
   */
  public static JsonObject expand(JsonObject json) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> entry : json) {
      Object value = entry.getValue() instanceof JsonObject nested ? expand(nested) : entry.getValue();
      if (value instanceof JsonObject nested && out.getValue(entry.getKey()) instanceof JsonObject existing) {
        existing.mergeIn(nested, true);
      } else {
        put(out, entry.getKey(), value);
      }
    }
    return out;
  }

  /** Every leaf key (a value that is not an object), dotted, sorted. */
  public static Set<String> leafKeys(JsonObject json) {
    Set<String> keys = new TreeSet<>();
    collect("", json, keys);
    return keys;
  }

  private static void collect(String prefix, JsonObject json, Set<String> keys) {
    for (Map.Entry<String, Object> entry : json) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof JsonObject nested && !nested.isEmpty()) {
        collect(key + ".", nested, keys);
      } else {
        keys.add(key);
      }
    }
  }
}
