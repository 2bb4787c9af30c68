package com.rtx.core.hedging;

import java.util.Objects;

/**
 * The house's tolerance for unhedged exposure in one symbol, volumes in
 * {@link com.rtx.core.market.Lots} units (hundredths of a lot).
 *
 * @param symbol instrument
 * @param maxNet largest unhedged net volume, in either direction, left alone; {@code >= 0}
 * @param targetNet what a hedge leaves unhedged, in the same direction as the exposure it reduces;
 *     {@code 0 <= targetNet <= maxNet}
 * @param enabled a disabled limit never hedges
 */
public record ExposureLimit(String symbol, long maxNet, long targetNet, boolean enabled) {

  public ExposureLimit {
    Objects.requireNonNull(symbol, "symbol");
    if (maxNet < 0 || targetNet < 0 || targetNet > maxNet) {
      throw new IllegalArgumentException("limit of " + symbol + " needs 0 <= target <= max, got target " + targetNet
        + ", max " + maxNet);
    }
  }
}
