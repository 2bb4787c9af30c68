package com.rtx.core.routing;

import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;

import java.math.BigDecimal;

/**
 * The terms a client order goes to an LP with, under that LP's {@link ExecutionProfile}: a market
 * order for an LP that takes limits only becomes a limit at the quoted price moved against the
 * client's side by at most the LP's deviation (a buy may pay up to ask + deviation, a sell take
 * down to bid − deviation), so the LP never fills worse than the quote the platform priced from
 * by more than the broker agreed. An order whose time in force the LP does not take is not sent.
 */
public final class LpOrderTerms {

  /** What goes on the NewOrderSingle: 40 and 59, and 44 for limits (null for market). */
  public record Terms(OrderType type, BigDecimal price, TimeInForce timeInForce) {
  }

  /** The order cannot go to this LP as its profile stands; {@link #getMessage()} says why, for the client. */
  public static final class Unsendable extends RuntimeException {
    public Unsendable(String message) {
      super(message, null, false, false);
    }
  }

  private LpOrderTerms() {
  }

  /**
   * @param type        MARKET or LIMIT (stops never leave the platform: they trigger into market orders)
   * @param limit       the client's limit price (LIMIT), else null
   * @param tif         the client's time in force
   * @param quoted      MARKET: the quote's price on the order's side (ask for a buy, bid for a sell), or null if none
   * @param digits      the symbol's price digits (a point is 10^-digits)
   */
  public static Terms of(ExecutionProfile profile, Side side, OrderType type, BigDecimal limit, TimeInForce tif,
                         BigDecimal quoted, int digits, String lp) {
    if (type == OrderType.LIMIT) {
      if (!profile.takes(tif)) {
        throw new Unsendable(lp + " does not take time in force " + tif + " (it takes " + profile.timesInForce() + ")");
      }
      return new Terms(OrderType.LIMIT, limit, tif);
    }
    if (type != OrderType.MARKET) {
      throw new Unsendable("only market and limit orders go to an LP, not " + type);
    }
    if (profile.orderStyle() == LpOrderStyle.MARKET) {
      if (!profile.takes(tif)) {
        throw new Unsendable(lp + " does not take time in force " + tif + " (it takes " + profile.timesInForce() + ")");
      }
      return new Terms(OrderType.MARKET, null, tif);
    }
    TimeInForce sent = limitTif(profile, tif, lp);
    if (quoted == null || quoted.signum() <= 0) {
      throw new Unsendable(lp + " takes limit orders only and no quote of the symbol was at hand to price this one");
    }
    BigDecimal deviation = BigDecimal.valueOf(profile.maxDeviationPoints()).movePointLeft(digits);
    BigDecimal price = side == Side.BUY ? quoted.add(deviation) : quoted.subtract(deviation);
    if (price.signum() <= 0) {
      throw new Unsendable(lp + "'s deviation of " + profile.maxDeviationPoints() + " points leaves no positive limit price");
    }
    return new Terms(OrderType.LIMIT, price.stripTrailingZeros(), sent);
  }

  /**
   * The style's TIF, but never weaker than the client's: a fill-or-kill client order is not sent
   * as IOC (a partial fill would break it); it goes as FOK where the LP takes that.
   */
  private static TimeInForce limitTif(ExecutionProfile profile, TimeInForce client, String lp) {
    if (profile.orderStyle() == LpOrderStyle.LIMIT_FOK || client == TimeInForce.FOK) {
      if (!profile.takes(TimeInForce.FOK)) {
        throw new Unsendable(lp + " does not take fill-or-kill orders, and this one is fill-or-kill");
      }
      return TimeInForce.FOK;
    }
    return TimeInForce.IOC;
  }
}
