package com.rtx.core.trading;

import com.rtx.core.pricing.AggregatedQuote;

/**
 * Direction of an order, deal or position.
 *
 * <p>Quote sides (the MetaTrader convention, and what a client sees on screen): a BUY opens at the
 * ask and a long position closes at the bid; a SELL opens at the bid and a short closes at the ask.
 */
public enum Side {
  BUY(1),
  SELL(-1);

  private final int sign;

  Side(int sign) {
    this.sign = sign;
  }

  /** +1 for BUY, -1 for SELL. */
  public int sign() {
    return sign;
  }

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** The price a deal of this side fills at: ask for BUY, bid for SELL. */
  public long dealPrice(AggregatedQuote q) {
    return this == BUY ? q.ask() : q.bid();
  }

  /** The price a position of this side closes at: bid for a long, ask for a short. */
  public long closePrice(AggregatedQuote q) {
    return this == BUY ? q.bid() : q.ask();
  }
}
