package com.rtx.core.trading;

/**
 * How long an order lives.
 *
 * <table>
 *   <caption>Which time in force applies to which order type</caption>
 *   <tr><th>type</th><th>allowed</th><th>default</th></tr>
 *   <tr><td>MARKET</td><td>IOC, FOK</td><td>FOK</td></tr>
 *   <tr><td>LIMIT</td><td>GTC, DAY, GTD, IOC, FOK</td><td>GTC</td></tr>
 *   <tr><td>STOP, STOP_LIMIT</td><td>GTC, DAY, GTD</td><td>GTC</td></tr>
 * </table>
 * A B-Book fill is always complete (the broker is the counterparty for the whole volume), so IOC
 * and FOK behave alike here; they differ once A-Book routing can partially fill. A LIMIT with IOC
 * or FOK is a marketable limit: it fills at once if the market is at or better than its price and
 * is otherwise refused ({@link RejectReason#LIMIT_NOT_MARKETABLE}), never rested. Stops rest by
 * nature, so IOC/FOK make no sense for them.
 */
public enum TimeInForce {
  /** Good till cancelled. */
  GTC,
  /** Until the end of the trading day: the next daily roll-over (17:00 New York). */
  DAY,
  /** Good till {@code expireAt}. */
  GTD,
  /** Immediate or cancel. */
  IOC,
  /** Fill or kill. */
  FOK;

  /** Whether this time in force may be used with {@code type}. */
  public boolean appliesTo(OrderType type) {
    return switch (type) {
      case MARKET -> this == IOC || this == FOK;
      case LIMIT -> true;
      case STOP, STOP_LIMIT -> this == GTC || this == DAY || this == GTD;
    };
  }

  /** Whether an order with this time in force is filled now or not at all. */
  public boolean isImmediate() {
    return this == IOC || this == FOK;
  }

  /** The time in force used when a request names none. */
  public static TimeInForce defaultFor(OrderType type) {
    return type == OrderType.MARKET ? FOK : GTC;
  }
}
