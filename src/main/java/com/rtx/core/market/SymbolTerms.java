package com.rtx.core.market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An {@link Instrument} with the dealing parameters that validation needs beyond its contract
 * terms. Kept apart from {@code Instrument} so that the pricing side, which has no use for them,
 * is unaffected.
 *
 * @param instrument the contract terms
 * @param tickPoints the smallest price increment in points; prices of orders, SL and TP must be
 *     whole multiples of it (1 for FX; e.g. 25 for an index with 2 digits quoted in 0.25 steps)
 * @param stopsLevelPoints minimum distance, in points, between the current market price and an
 *     order's SL, TP or pending price (MetaTrader's "stops level"); 0 means none
 */
public record SymbolTerms(Instrument instrument, long tickPoints, long stopsLevelPoints) {

  public SymbolTerms {
    Objects.requireNonNull(instrument, "instrument");
    if (tickPoints <= 0) {
      throw new IllegalArgumentException(instrument.name() + ": tickPoints must be positive, got " + tickPoints);
    }
    if (stopsLevelPoints < 0) {
      throw new IllegalArgumentException(instrument.name() + ": stopsLevelPoints must be >= 0, got " + stopsLevelPoints);
    }
  }

  /** Terms with a one-point tick and no stops level. */
  public static SymbolTerms of(Instrument instrument) {
    return new SymbolTerms(instrument, 1, 0);
  }

  public String symbol() {
    return instrument.name();
  }

  public int digits() {
    return instrument.digits();
  }

  /** The smallest volume in volume units ({@link Lots}). */
  public long volumeMin() {
    return Lots.of(instrument.volumeMin());
  }

  public long volumeMax() {
    return Lots.of(instrument.volumeMax());
  }

  public long volumeStep() {
    return Lots.of(instrument.volumeStep());
  }

  /** The exact decimal value of a price in units. */
  public BigDecimal price(long units) {
    return instrument.toBigDecimal(units);
  }

  /** One point as a decimal, e.g. 0.00001 for a 5-digit instrument. */
  public BigDecimal point() {
    return BigDecimal.ONE.movePointLeft(instrument.digits());
  }
}
