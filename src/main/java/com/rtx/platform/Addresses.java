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

  /**
   * Published by whoever changes market reference data in PostgreSQL (symbols, markup profiles,
   * client groups; the admin API in a later issue). Body: {@code {"what": "markups|symbols|lps"}}.
   * Consumers reload what they hold from the database.
   */
  public static final String REFDATA_CHANGED = "rtx.refdata.changed";

  /** Prefix of the per-symbol quote addresses, {@code rtx.prices.<SYMBOL>}: see {@code QuoteMessages}. */
  public static final String PRICES_PREFIX = "rtx.prices.";

  private Addresses() {
  }
}
