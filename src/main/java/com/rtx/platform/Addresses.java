package com.rtx.platform;

/**
 * Event-bus addresses of the platform. Each constant documents its message shape (JSON) and owner.
 */
public final class Addresses {

  /**
   * Published by the engine's config watcher when a changeable layer (config file, ConfigMap,
   * Secret) changed and the new configuration validated.
   * Body: {@code {"changedKeys": ["http.port", ...], "config": {...effective config, secrets masked}}}.
   * Consumers re-read the keys they own; secrets are never carried on the bus.
   */
  public static final String CONFIG_CHANGED = "rtx.config.changed";

  private Addresses() {
  }
}
