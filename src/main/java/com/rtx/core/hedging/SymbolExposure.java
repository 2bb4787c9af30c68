package com.rtx.core.hedging;

import java.util.Objects;

/**
 * The house's position in one symbol, signed from the house's side (positive = long), in
 * {@link com.rtx.core.market.Lots} units.
 *
 * @param symbol instrument
 * @param clientNet what the B-Book leaves the house with: minus the clients' net position
 * @param hedged the house account's net position at LPs (its filled hedges)
 */
public record SymbolExposure(String symbol, long clientNet, long hedged) {

  public SymbolExposure {
    Objects.requireNonNull(symbol, "symbol");
  }

  /** What is left exposed: client-driven exposure plus the hedges. */
  public long unhedged() {
    return Math.addExact(clientNet, hedged);
  }
}
