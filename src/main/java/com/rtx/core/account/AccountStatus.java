package com.rtx.core.account;

/** What the client may do with an account. Broker-initiated closes (SL, TP, stop-out) always run. */
public enum AccountStatus {
  /** Everything. */
  ACTIVE,
  /** Only reduce risk: close positions, cancel orders, move SL/TP; nothing that opens volume. */
  CLOSE_ONLY,
  /** No client operation at all. */
  DISABLED
}
