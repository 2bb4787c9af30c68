package com.rtx.lpsim;

/**
 * A two-sided top-of-book quote in instrument units (see {@link SimInstrument}). Normally
 * {@code bid < ask}; the simulator builds crossed quotes on purpose with {@link #crossed()}.
 *
 * @param bid MDEntryType 0, in units, always positive
 * @param ask MDEntryType 1 (offer), in units, always positive
 */
public record Quote(long bid, long ask) {

  public Quote {
    if (bid <= 0 || ask <= 0) {
      throw new IllegalArgumentException("prices must be positive: bid " + bid + ", ask " + ask);
    }
  }

  /** Both sides moved by {@code points}; fails when that would take a side to zero or below. */
  public Quote shift(long points) {
    return new Quote(Math.addExact(bid, points), Math.addExact(ask, points));
  }

  /**
   * The same two prices on the wrong sides (bid above ask by the spread), so only the crossing is
   * wrong, not the level; a locked quote is pushed one point apart.
   */
  public Quote crossed() {
    if (bid > ask) {
      return this;
    }
    return bid < ask ? new Quote(ask, bid) : new Quote(bid + 1, ask);
  }

  public boolean isCrossed() {
    return bid > ask;
  }

  /** Mid in units, rounded down: for distances and tests, not for pricing. */
  public long mid() {
    return (bid + ask) / 2;
  }
}
