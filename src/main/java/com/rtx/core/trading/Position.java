package com.rtx.core.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * An open position.
 *
 * <p>{@code openPrice} is a decimal, not price units: a netting position's volume-weighted
 * average may fall between two points (see {@link com.rtx.core.money.Rounding#averagePrice});
 * a hedging position's is its deal price exactly. It is kept with trailing zeros stripped so that
 * equal prices are equal records.
 *
 * @param id position id (a netting position keeps its id through increases, reductions and flips)
 * @param accountId owner
 * @param symbol instrument
 * @param side BUY (long) or SELL (short)
 * @param volume in {@link com.rtx.core.market.Lots} units, positive
 * @param openPrice exact (average) open price
 * @param openedAt when it was opened (time priority of its SL/TP and swap eligibility)
 * @param sl stop loss in price units, or {@link Order#NONE}
 * @param tp take profit in price units, or NONE
 * @param trailingPoints trailing stop distance in points, or NONE
 * @param swap swap charged so far, minor units of the account currency (already in the balance)
 */
public record Position(long id, long accountId, String symbol, Side side, long volume, BigDecimal openPrice,
                       Instant openedAt, long sl, long tp, long trailingPoints, long swap) {

  public Position {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(openPrice, "openPrice");
    if (volume <= 0) {
      throw new IllegalArgumentException("position volume must be positive, got " + volume);
    }
    if (openPrice.signum() <= 0) {
      throw new IllegalArgumentException("open price must be positive, got " + openPrice);
    }
    if (sl < 0 || tp < 0 || trailingPoints < 0) {
      throw new IllegalArgumentException("sl, tp and trailing must be >= 0 (0 = none)");
    }
    openPrice = openPrice.stripTrailingZeros();
  }

  /** {@code +volume} for a long, {@code -volume} for a short. */
  public long signedVolume() {
    return side.sign() * volume;
  }

  /** The open price in units of a {@code digits}-decimal instrument, if it is a whole number of them. */
  public long openPriceUnits(int digits) {
    return openPrice.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
  }

  public Position withVolume(long newVolume) {
    return new Position(id, accountId, symbol, side, newVolume, openPrice, openedAt, sl, tp, trailingPoints, swap);
  }

  public Position withStops(long newSl, long newTp, long newTrailingPoints) {
    return new Position(id, accountId, symbol, side, volume, openPrice, openedAt, newSl, newTp, newTrailingPoints, swap);
  }

  public Position withSwapAdded(long amount) {
    return new Position(id, accountId, symbol, side, volume, openPrice, openedAt, sl, tp, trailingPoints,
      Math.addExact(swap, amount));
  }
}
