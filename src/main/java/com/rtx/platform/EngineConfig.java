package com.rtx.platform;

import com.rtx.platform.config.ConfigException;
import com.rtx.platform.config.ConfigLayer;
import com.rtx.platform.config.ConfigLoader;
import com.rtx.platform.config.ConfigSources;
import com.rtx.platform.config.LayeredConfig;
import io.vertx.core.Vertx;

/**
 * Loads the start-up configuration. The Kubernetes layers need a Vertx instance (vertx-config's
 * configmap store); it is a short-lived one, because the engine's own Vertx can only be built once
 * configuration says whether it is clustered and how.
 */
final class EngineConfig {

  private EngineConfig() {
  }

  static LayeredConfig load(ConfigSources sources) {
    ConfigLoader local = new ConfigLoader(null, sources);
    LayeredConfig layers = local.loadLocalLayers();
    if (!(layers.get("kubernetes.namespace") instanceof String ns) || ns.isBlank()) {
      return layers.with(new ConfigLayer("command line", sources.overrides()));
    }
    Vertx bootstrap = Vertx.vertx();
    try {
      return Engine.await(new ConfigLoader(bootstrap, sources).load());
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException("cannot read the Kubernetes configuration layers: " + e.getMessage());
    } finally {
      Engine.await(bootstrap.close());
    }
  }
}
