package com.rtx.core.trading;

/**
 * Kind of order. Trigger sides (see {@code com.rtx.core.dealing.TriggerEngine}): BUY orders watch the ask, SELL orders
 * the bid.
 */
public enum OrderType {
  /** Fill now at the current client price. */
  MARKET,
  /** Fill at {@code price} or better: BUY when ask ≤ price, SELL when bid ≥ price. */
  LIMIT,
  /** Fill at market once the market reaches {@code price}: BUY when ask ≥ price, SELL when bid ≤ price. */
  STOP,
  /** Like STOP, but on trigger becomes a LIMIT at {@code stopLimitPrice} instead of filling at market. */
  STOP_LIMIT;

  public boolean isPending() {
    return this != MARKET;
  }
}
