package com.rtx.platform;

import com.rtx.platform.config.ConfigException;
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
    LayeredConfig local = new ConfigLoader(null, sources).loadLocalLayers();
    if (!(local.get("kubernetes.namespace") instanceof String ns) || ns.isBlank()) {
      // Without Kubernetes layers load() needs no Vert.x and completes at once.
      return Engine.await(new ConfigLoader(null, sources).load());
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
