package com.rtx.core.pricing;

/**
 * Sanity check of a single LP quote before it may enter a {@link SymbolBook} or
 * {@link SpikeFilter}. A rejected quote is dropped (and counted), not an error.
 */
public final class QuoteCheck {

  /** Why a quote is unusable; {@link #NONE} means it is fine. */
  public enum Rejection {
    NONE,
    /** bid above ask. */
    CROSSED,
    /** bid equal to ask. */
    LOCKED,
    /** bid or ask zero or negative; checked first, as such a quote says nothing about the market. */
    NON_POSITIVE
  }

  private QuoteCheck() {
  }

  public static Rejection check(LpQuote q) {
    if (q.bid() <= 0 || q.ask() <= 0) {
      return Rejection.NON_POSITIVE;
    }
    if (q.bid() > q.ask()) {
      return Rejection.CROSSED;
    }
    if (q.bid() == q.ask()) {
      return Rejection.LOCKED;
    }
    return Rejection.NONE;
  }
}
