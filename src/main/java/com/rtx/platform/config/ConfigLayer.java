package com.rtx.platform.config;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * One source of configuration values, e.g. the defaults in the jar, {@code conf/rtx.json} or the
 * environment. {@code keyLabels} names where a single key came from when that is finer than the
 * layer (the environment names the variable), so a validation error can point at it.
 */
public record ConfigLayer(String name, JsonObject values, Map<String, String> keyLabels) {

  public ConfigLayer {
    values = values == null ? new JsonObject() : values;
    keyLabels = Map.copyOf(keyLabels);
  }

  public ConfigLayer(String name, JsonObject values) {
    this(name, values, Map.of());
  }

  /** Where {@code dottedKey} came from, as an operator would look for it. */
  public String describe(String dottedKey) {
    return keyLabels.getOrDefault(dottedKey, name);
  }
}
