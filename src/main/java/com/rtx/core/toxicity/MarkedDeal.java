package com.rtx.core.toxicity;

import com.rtx.core.trading.Side;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One client deal with the mid prices sampled after it.
 *
 * @param side the client's side
 * @param volume in {@link com.rtx.core.market.Lots} units, {@code > 0}
 * @param price deal price (decimal)
 * @param point the symbol's point, {@code 10^-digits} (EURUSD with 5 digits: 0.00001)
 * @param mid1 mid price at the first horizon (+1 s by default), null when none was sampled
 * @param mid5 mid at the second horizon (+5 s), or null
 * @param mid60 mid at the third horizon (+60 s), or null
 * @param closing whether the deal closed (part of) a position
 * @param realizedPnl closing deals: P&amp;L realized, account currency (decimal); else ignored
 * @param heldMillis closing deals: how long the position was held, or null when unknown
 */
public record MarkedDeal(Side side, long volume, BigDecimal price, BigDecimal point, BigDecimal mid1,
                         BigDecimal mid5, BigDecimal mid60, boolean closing, BigDecimal realizedPnl, Long heldMillis) {

  public MarkedDeal {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(point, "point");
    if (volume <= 0 || point.signum() <= 0) {
      throw new IllegalArgumentException("volume and point must be positive");
    }
    if (closing) {
      Objects.requireNonNull(realizedPnl, "realizedPnl");
    }
  }

  /**
   * The markout at a sampled mid, in points, signed in the client's favour: a BUY at 1.10000
   * followed by a mid of 1.10010 (5 digits) is +10.
   */
  BigDecimal markoutPoints(BigDecimal mid) {
    return mid.subtract(price).multiply(BigDecimal.valueOf(side.sign())).divide(point);
  }
}
