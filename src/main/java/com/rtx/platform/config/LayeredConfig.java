package com.rtx.platform.config;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration as an ordered list of layers, later layers winning. Keeps the layers (not just
 * the merged result) so every value can be traced back to the file, variable or ConfigMap that
 * set it.
 */
public final class LayeredConfig {

  private final List<ConfigLayer> layers;
  private final JsonObject merged;

  public LayeredConfig(List<ConfigLayer> layers) {
    this.layers = List.copyOf(layers);
    JsonObject result = new JsonObject();
    for (ConfigLayer layer : this.layers) {
      result.mergeIn(layer.values().copy(), true);
    }
    this.merged = result;
  }

  public List<ConfigLayer> layers() {
    return layers;
  }

  /** The effective configuration; a copy, so callers cannot change this object. */
  public JsonObject merged() {
    return merged.copy();
  }

  public Object get(String dottedKey) {
    return DottedKeys.get(merged, dottedKey);
  }

  /** The layer (or variable) that set the effective value of {@code dottedKey}. */
  public String sourceOf(String dottedKey) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      ConfigLayer layer = layers.get(i);
      if (DottedKeys.contains(layer.values(), dottedKey)) {
        return layer.describe(dottedKey);
      }
    }
    return "defaults";
  }

  /** Leaf keys whose effective value differs between this configuration and {@code other}. */
  public Set<String> changedKeys(LayeredConfig other) {
    Set<String> keys = new TreeSet<>(DottedKeys.leafKeys(merged));
    keys.addAll(DottedKeys.leafKeys(other.merged));
    Set<String> changed = new TreeSet<>();
    for (String key : keys) {
      // "8080" from the environment and 8080 from a file are the same setting.
      if (!Objects.equals(String.valueOf(get(key)), String.valueOf(other.get(key)))) {
        changed.add(key);
      }
    }
    return changed;
  }

  public LayeredConfig with(ConfigLayer layer) {
    List<ConfigLayer> more = new ArrayList<>(layers);
    more.add(layer);
    return new LayeredConfig(more);
  }
}
