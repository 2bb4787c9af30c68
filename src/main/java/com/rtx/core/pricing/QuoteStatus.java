package com.rtx.core.pricing;

/** Whether a published price can be dealt on. */
public enum QuoteStatus {
  /** Fresh prices inside the trading session. */
  OK,
  /** No liquidity provider has quoted recently; the prices are the last known ones. */
  STALE,
  /** Outside the instrument's trading session; the prices are informational. */
  CLOSED
}
