package com.rtx.core.trading;

import java.time.Instant;
import java.util.Objects;

/**
 * An order: a client's instruction to deal, resting as long as it is {@link OrderStatus#PENDING}.
 *
 * <p>Prices are in the instrument's units; {@value #NONE} means "not set" for every price field
 * (a real price is always positive).
 *
 * @param id order id, assigned by the shard in time order (it is the time priority of triggers)
 * @param accountId owner
 * @param clientOrderId the client's id for idempotency, carried through; may be null
 * @param symbol instrument
 * @param side BUY or SELL
 * @param type kind of order
 * @param volume in {@link com.rtx.core.market.Lots} units, positive
 * @param price LIMIT/STOP: the trigger price; STOP_LIMIT: the stop price; MARKET: the price the
 *     client saw (for {@code maxDeviation}), or NONE
 * @param stopLimitPrice STOP_LIMIT only: the limit price of the order it becomes on trigger
 * @param sl stop loss of the resulting position, or NONE
 * @param tp take profit of the resulting position, or NONE
 * @param trailingPoints trailing stop distance in points for the resulting position, or NONE
 * @param timeInForce how long it lives
 * @param expireAt when a DAY or GTD order expires; null for the others
 * @param positionId the position this order closes (a close request), or NONE for an order that
 *     opens or, in netting, nets
 * @param triggered STOP_LIMIT only: its stop has triggered and it now rests as a limit
 * @param status life-cycle status
 * @param createdAt when it was accepted
 * @param updatedAt last change
 */
public record Order(long id, long accountId, String clientOrderId, String symbol, Side side, OrderType type, long volume,
                    long price, long stopLimitPrice, long sl, long tp, long trailingPoints, TimeInForce timeInForce,
                    Instant expireAt, long positionId, boolean triggered, OrderStatus status, Instant createdAt,
                    Instant updatedAt) {

  /** "Not set" for price, id and distance fields. */
  public static final long NONE = 0;

  public Order {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timeInForce, "timeInForce");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (volume <= 0) {
      throw new IllegalArgumentException("order volume must be positive, got " + volume);
    }
    if (price < 0 || stopLimitPrice < 0 || sl < 0 || tp < 0 || trailingPoints < 0) {
      throw new IllegalArgumentException("prices and distances must be >= 0 (0 = none)");
    }
    if (type.isPending() && price == NONE) {
      throw new IllegalArgumentException(type + " order needs a price");
    }
    if ((type == OrderType.STOP_LIMIT) != (stopLimitPrice != NONE)) {
      throw new IllegalArgumentException("stopLimitPrice is required for STOP_LIMIT and only for it");
    }
    if (triggered && type != OrderType.STOP_LIMIT) {
      throw new IllegalArgumentException("only a STOP_LIMIT order can be triggered");
    }
    boolean expiring = timeInForce == TimeInForce.DAY || timeInForce == TimeInForce.GTD;
    if (expiring != (expireAt != null)) {
      throw new IllegalArgumentException("expireAt is required for DAY/GTD and only for them");
    }
  }

  /** The type it currently rests as: a triggered STOP_LIMIT is a LIMIT. */
  public OrderType activeType() {
    return type == OrderType.STOP_LIMIT && triggered ? OrderType.LIMIT : type;
  }

  /** The price its current trigger condition compares with. */
  public long activePrice() {
    return type == OrderType.STOP_LIMIT && triggered ? stopLimitPrice : price;
  }

  /**
   * The price a resting order is expected to fill at, against which its SL and TP are judged: the
   * limit price of a STOP_LIMIT, the order price otherwise.
   */
  public long fillReferencePrice() {
    return type == OrderType.STOP_LIMIT ? stopLimitPrice : price;
  }

  /** Whether it closes a named position. */
  public boolean isClose() {
    return positionId != NONE;
  }

  /**
   * This order in {@code next} status.
   *
   * @throws IllegalStateException if the life cycle does not allow it (a bug)
   */
  public Order withStatus(OrderStatus next, Instant at) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException("order " + id + " cannot go from " + status + " to " + next);
    }
    return new Order(id, accountId, clientOrderId, symbol, side, type, volume, price, stopLimitPrice, sl, tp,
      trailingPoints, timeInForce, expireAt, positionId, triggered, next, createdAt, at);
  }

  /** A pending STOP_LIMIT whose stop has been hit: it now rests as a limit at {@link #stopLimitPrice}. */
  public Order triggeredAt(Instant at) {
    if (type != OrderType.STOP_LIMIT || triggered || status != OrderStatus.PENDING) {
      throw new IllegalStateException("order " + id + " is not an untriggered pending STOP_LIMIT");
    }
    return new Order(id, accountId, clientOrderId, symbol, side, type, volume, price, stopLimitPrice, sl, tp,
      trailingPoints, timeInForce, expireAt, positionId, true, status, createdAt, at);
  }

  /** A pending order with new prices, stops and expiry (validated by the caller). */
  public Order modified(long newPrice, long newStopLimitPrice, long newSl, long newTp, long newTrailingPoints,
                        TimeInForce newTif, Instant newExpireAt, Instant at) {
    if (status != OrderStatus.PENDING) {
      throw new IllegalStateException("order " + id + " is " + status + ", only PENDING orders can be modified");
    }
    return new Order(id, accountId, clientOrderId, symbol, side, type, volume, newPrice, newStopLimitPrice, newSl, newTp,
      newTrailingPoints, newTif, newExpireAt, positionId, triggered, status, createdAt, at);
  }
}
