package com.rtx.core.hedging;

import com.rtx.core.trading.Side;

import java.util.Objects;

/**
 * A market order of the house account to an LP.
 *
 * @param symbol instrument
 * @param side the house's side: BUY reduces a short exposure, SELL a long one
 * @param volume in {@link com.rtx.core.market.Lots} units, {@code > 0}
 * @param unhedgedBefore the unhedged exposure that called for it
 * @param limit the limit it restores
 */
public record HedgeOrder(String symbol, Side side, long volume, long unhedgedBefore, ExposureLimit limit) {

  public HedgeOrder {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    if (volume <= 0) {
      throw new IllegalArgumentException("hedge volume must be positive, got " + volume);
    }
  }

  /** The unhedged exposure once this hedge is filled in full. */
  public long unhedgedAfter() {
    return unhedgedBefore + side.sign() * volume;
  }
}
