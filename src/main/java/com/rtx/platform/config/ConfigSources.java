package com.rtx.platform.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where configuration comes from for one engine process.
 *
 * @param configFile   the JSON file layer ({@code conf/rtx.json} unless {@code --config} names one)
 * @param explicitFile true when the file was named by the operator, so a missing file is an error
 * @param env          the process environment (injected so tests can supply their own)
 * @param overrides    values from the command line, the top layer
 */
public record ConfigSources(Path configFile, boolean explicitFile, Map<String, String> env,
                            JsonObject overrides) {

  public static final Path DEFAULT_FILE = Path.of("conf", "rtx.json");
  public static final String DEFAULTS_RESOURCE = "rtx-defaults.json";
  public static final String K8S_CONFIG_MAP = "rtx-config";
  public static final String K8S_SECRET = "rtx-secrets";

  public ConfigSources {
    env = Map.copyOf(env);
    overrides = overrides == null ? new JsonObject() : overrides.copy();
  }

  public static ConfigSources of(Path explicitFile, Map<String, String> env, JsonObject overrides) {
    return explicitFile == null
      ? new ConfigSources(DEFAULT_FILE, false, env, overrides)
      : new ConfigSources(explicitFile, true, env, overrides);
  }
}
