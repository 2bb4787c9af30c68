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
 * by more than the broker agreed. For an LP that takes orders against its own quotes only, it
 * goes as previously quoted (40=D) with that quote's id and price. An order whose time in force
 * the LP does not take is not sent.
 */
public final class LpOrderTerms {

  /**
   * What goes on the NewOrderSingle: 40 and 59, and 44 for limits (null for market). A non-null
   * {@code quoteId} makes it a previously quoted order (40=D, 117=quoteId, 44=price): {@code type}
   * is then LIMIT, since it executes at that price or not at all.
   */
  public record Terms(OrderType type, BigDecimal price, TimeInForce timeInForce, String quoteId) {

    public Terms(OrderType type, BigDecimal price, TimeInForce timeInForce) {
      this(type, price, timeInForce, null);
    }

    /** 40=D: an order against the LP's quote {@link #quoteId}. */
    public boolean previouslyQuoted() {
      return quoteId != null;
    }
  }

  /** The order cannot go to this LP as its profile stands; {@link #getMessage()} says why, for the client. */
  public static final class Unsendable extends RuntimeException {
    public Unsendable(String message) {
      super(message, null, false, false);
    }
  }

  private LpOrderTerms() {
  }

  /** The terms without a quote id or quoting LP (a PREVIOUSLY_QUOTED LP then takes nothing). */
  public static Terms of(ExecutionProfile profile, Side side, OrderType type, BigDecimal limit, TimeInForce tif,
                         BigDecimal quoted, int digits, String lp) {
    return of(profile, side, type, limit, tif, quoted, null, null, digits, lp);
  }

  /**
   * @param type        MARKET or LIMIT (stops never leave the platform: they trigger into market orders)
   * @param limit       the client's limit price (LIMIT), else null
   * @param tif         the client's time in force
   * @param quoted      MARKET: the quote's price on the order's side (ask for a buy, bid for a sell), or null if none
   * @param quoteId     MARKET: the QuoteEntryID of that side's LP quote, or null if it carried none
   * @param quoteLp     MARKET: the LP whose quote made that side, or null
   * @param digits      the symbol's price digits (a point is 10^-digits)
   * @param lp          the LP the order is for
   */
  public static Terms of(ExecutionProfile profile, Side side, OrderType type, BigDecimal limit, TimeInForce tif,
                         BigDecimal quoted, String quoteId, String quoteLp, int digits, String lp) {
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
    if (profile.orderStyle() == LpOrderStyle.PREVIOUSLY_QUOTED) {
      return previouslyQuoted(profile, side, tif, quoted, quoteId, quoteLp, lp);
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
   * 40=D against the LP's own quote: only the LP whose quote made the side the order takes can
   * honour that quote's id, so the order goes only there, and only with an id the LP sent; the
   * router never makes one up (the LP would fill a quote it never gave, or reject). Otherwise the
   * order is not sent to this LP: the desk tries the next LP of the rule.
   */
  private static Terms previouslyQuoted(ExecutionProfile profile, Side side, TimeInForce tif, BigDecimal quoted,
                                        String quoteId, String quoteLp, String lp) {
    String sideName = side == Side.BUY ? "ask" : "bid";
    if (quoted == null || quoted.signum() <= 0 || quoteLp == null) {
      throw new Unsendable(lp + " takes previously quoted orders only and no quote of the symbol was at hand");
    }
    if (!quoteLp.equals(lp)) {
      throw new Unsendable(lp + " takes previously quoted orders only and the quoted " + sideName + " is " + quoteLp
        + "'s, not " + lp + "'s");
    }
    if (quoteId == null || quoteId.isBlank()) {
      throw new Unsendable(lp + " takes previously quoted orders only and its quoted " + sideName + " carries no QuoteID");
    }
    TimeInForce sent;
    if (tif == TimeInForce.FOK || !profile.takes(TimeInForce.IOC)) {
      if (!profile.takes(TimeInForce.FOK)) {
        throw new Unsendable(lp + " does not take fill-or-kill orders, and this one is fill-or-kill");
      }
      sent = TimeInForce.FOK;
    } else {
      sent = TimeInForce.IOC;
    }
    // The quote's price as the platform formats it (the instrument's digits), not stripped: the LP
    // matches it to its quote.
    return new Terms(OrderType.LIMIT, quoted, sent, quoteId);
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
