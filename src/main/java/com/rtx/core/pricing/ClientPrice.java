package com.rtx.core.pricing;

/** A bid/ask pair after markup, in price units. */
public record ClientPrice(long bid, long ask) {

  /** {@code ask - bid}. */
  public long spread() {
    return ask - bid;
  }
}
