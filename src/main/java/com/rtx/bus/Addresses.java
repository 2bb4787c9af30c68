package com.rtx.bus;

/**
 * Event-bus addresses of the platform. Each constant documents its message shape (JSON) and owner.
 */
public final class Addresses {

  /**
   * Published by the engine's config watcher when a changeable layer (config file, ConfigMap,
   * Secret) changed and the new configuration validated.
   * Body: {@code {"changedKeys": ["http.port", ...], "restartNeeded": ["http.port", ...], "config": {...effective
   * config, secrets masked}}}; {@code restartNeeded} lists the changed keys the running engine does not act on.
   * Consumers re-read the keys they own; secrets are never carried on the bus.
   */
  public static final String CONFIG_CHANGED = "rtx.config.changed";

  /**
   * Published by whoever changes reference data in PostgreSQL, after the commit: the admin API for
   * every change of a client group, symbol, markup profile, liquidity provider or routing rule.
   * Body: {@code {"what": "group|symbol|markup-profile|lp|routing-rule", "key", "version"}}.
   * Consumers reload what they hold from the database (the gateway its markups and symbols, dealing
   * its whole reference data — groups, symbols, markups, routing rules — and the quotes it listens
   * to, pricing its symbols and LPs, the router its LPs, dialects and contract sizes).
   */
  public static final String REFDATA_CHANGED = "rtx.refdata.changed";

  /**
   * Published by whoever revoked trader sessions (logout, refresh-token reuse, a staff password
   * reset, a password change), after the revocation is committed in PostgreSQL: see
   * {@code SessionRevocations}. Body: {@code {"sessionIds": ["<uuid>", ...]}}. Every gateway
   * remembers the sessions for the access-token lifetime (their tokens are refused) and closes
   * their open WebSockets with 1008.
   */
  public static final String SESSIONS_REVOKED = "rtx.auth.sessions-revoked";

  /** Prefix of the per-symbol quote addresses, {@code rtx.prices.<SYMBOL>}: see {@code QuoteMessages}. */
  public static final String PRICES_PREFIX = "rtx.prices.";

  private Addresses() {
  }
}
