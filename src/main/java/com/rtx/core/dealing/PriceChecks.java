package com.rtx.core.dealing;

import com.rtx.core.market.SymbolTerms;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Rejection;
import com.rtx.core.trading.Side;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Checks of order prices against the tick, the market and the stops level. All prices are
 * instrument units; distances are points. The market side compared with is the one the order
 * watches: ask for BUY orders, bid for SELL orders.
 */
final class PriceChecks {

  private PriceChecks() {
  }

  /** A price may be at most this many times the instrument's current ask. */
  static final long MAX_PRICE_MULTIPLE = 10;

  /**
   * A price of a request ({@code 0} = not set) bounded by the market (SECURITY.md invariant 2):
   * at most {@value #MAX_PRICE_MULTIPLE} times the current ask. Far beyond any real move, and it
   * keeps every sum of a price and a distance far from {@code long} overflow.
   */
  static Optional<Rejection> priceInRange(SymbolTerms terms, AggregatedQuote q, String field, long price) {
    long ceiling = q.ask() > Long.MAX_VALUE / MAX_PRICE_MULTIPLE ? Long.MAX_VALUE : q.ask() * MAX_PRICE_MULTIPLE;
    if (price > ceiling) {
      return PreTradeChecks.reject(RejectReason.PRICE_OUT_OF_RANGE, field + " " + terms.instrument().format(price)
        + " is more than " + MAX_PRICE_MULTIPLE + " times the market " + terms.instrument().format(q.ask()));
    }
    return Optional.empty();
  }

  /**
   * A distance in points (trailing stop, maximum deviation) bounded by the market: at most the
   * current ask itself — a stop or a slippage allowance wider than the whole price means nothing.
   */
  static Optional<Rejection> distanceInRange(SymbolTerms terms, AggregatedQuote q, String field, long points) {
    if (points > q.ask()) {
      return PreTradeChecks.reject(RejectReason.PRICE_OUT_OF_RANGE, field + " of " + points
        + " points is wider than the market price " + terms.instrument().format(q.ask()));
    }
    return Optional.empty();
  }

  /** Every set price must be a whole number of ticks. */
  static Optional<Rejection> onTick(SymbolTerms terms, long... prices) {
    for (long p : prices) {
      if (p != 0 && p % terms.tickPoints() != 0) {
        return PreTradeChecks.reject(RejectReason.PRICE_NOT_ON_TICK, terms.instrument().format(p)
          + " is not a multiple of the tick of " + terms.tickPoints() + " points");
      }
    }
    return Optional.empty();
  }

  /**
   * A resting order's price against the market (MetaTrader's rules): BUY LIMIT below the ask,
   * BUY STOP above it, SELL LIMIT above the bid, SELL STOP below it, each at least the stops
   * level away. A STOP_LIMIT's stop follows the STOP rule and its limit must not be beyond the
   * stop (a BUY STOP_LIMIT's limit at or below its stop, a SELL's at or above).
   */
  static Optional<Rejection> pendingPrice(SymbolTerms terms, AggregatedQuote q, Order o) {
    long market = o.side().dealPrice(q);
    OrderType type = o.activeType();
    long price = o.activePrice();
    boolean above = price > market;
    boolean below = price < market;
    boolean rightSide = switch (type) {
      case LIMIT -> o.side() == Side.BUY ? below : above;
      case STOP, STOP_LIMIT -> o.side() == Side.BUY ? above : below;
      case MARKET -> throw new IllegalArgumentException("not a pending order");
    };
    if (!rightSide) {
      return PreTradeChecks.reject(RejectReason.INVALID_PENDING_PRICE, o.side() + " " + type + " at "
        + terms.instrument().format(price) + " is on the wrong side of the market " + terms.instrument().format(market));
    }
    if (Math.abs(price - market) < terms.stopsLevelPoints()) {
      return PreTradeChecks.reject(RejectReason.STOPS_TOO_CLOSE, "pending price " + terms.instrument().format(price)
        + " is within " + terms.stopsLevelPoints() + " points of the market " + terms.instrument().format(market));
    }
    if (type == OrderType.STOP_LIMIT) {
      boolean limitOk = o.side() == Side.BUY ? o.stopLimitPrice() <= o.price() : o.stopLimitPrice() >= o.price();
      if (!limitOk) {
        return PreTradeChecks.reject(RejectReason.INVALID_PENDING_PRICE, "the limit "
          + terms.instrument().format(o.stopLimitPrice()) + " of a " + o.side() + " STOP_LIMIT must not be beyond its stop "
          + terms.instrument().format(o.price()));
      }
    }
    return Optional.empty();
  }

  /**
   * The price collar: a resting order's price may be at most {@code collarBps} basis points from
   * the market, i.e. {@code |price − market| × 10,000 ≤ collarBps × market}; 0 disables it.
   */
  static Optional<Rejection> collar(SymbolTerms terms, AggregatedQuote q, Order o, long collarBps) {
    if (collarBps == 0) {
      return Optional.empty();
    }
    long market = o.side().dealPrice(q);
    BigInteger distance = BigInteger.valueOf(Math.abs(o.activePrice() - market)).multiply(BigInteger.valueOf(10_000));
    BigInteger allowed = BigInteger.valueOf(collarBps).multiply(BigInteger.valueOf(market));
    if (distance.compareTo(allowed) > 0) {
      return PreTradeChecks.reject(RejectReason.PRICE_OUTSIDE_COLLAR, "price " + terms.instrument().format(o.activePrice())
        + " is more than " + collarBps + " bp from the market " + terms.instrument().format(market));
    }
    return Optional.empty();
  }

  /**
   * SL and TP of a position of {@code side} against the reference price {@code ref} (the
   * position's current closing price, or a pending order's price): a long's SL below and TP
   * above, a short's the reverse, each at least the stops level away.
   */
  static Optional<Rejection> stops(SymbolTerms terms, Side side, long sl, long tp, long ref) {
    long level = terms.stopsLevelPoints();
    if (sl != 0) {
      long distance = side == Side.BUY ? ref - sl : sl - ref;
      Optional<Rejection> r = distance(terms, "stop loss", sl, ref, distance, level);
      if (r.isPresent()) {
        return r;
      }
    }
    if (tp != 0) {
      long distance = side == Side.BUY ? tp - ref : ref - tp;
      return distance(terms, "take profit", tp, ref, distance, level);
    }
    return Optional.empty();
  }

  /** A trailing distance must be at least the stops level (and one point). */
  static Optional<Rejection> trailing(SymbolTerms terms, long trailingPoints) {
    if (trailingPoints != 0 && trailingPoints < Math.max(1, terms.stopsLevelPoints())) {
      return PreTradeChecks.reject(RejectReason.INVALID_TRAILING, "trailing distance " + trailingPoints
        + " points is below the stops level of " + terms.stopsLevelPoints());
    }
    return Optional.empty();
  }

  /**
   * A market fill may be at most {@code maxDeviationPoints} worse than the price the client
   * requested (0 = none requested). Improvement is always given to the client, never refused.
   */
  static Optional<Rejection> deviation(SymbolTerms terms, Side side, long requested, long fill, long maxDeviationPoints) {
    if (requested == 0) {
      return Optional.empty();
    }
    long worse = side == Side.BUY ? fill - requested : requested - fill;
    if (worse > maxDeviationPoints) {
      return PreTradeChecks.reject(RejectReason.DEVIATION_EXCEEDED, "fill " + terms.instrument().format(fill)
        + " is " + worse + " points worse than the requested " + terms.instrument().format(requested)
        + ", allowed " + maxDeviationPoints);
    }
    return Optional.empty();
  }

  private static Optional<Rejection> distance(SymbolTerms terms, String what, long stop, long ref, long distance,
                                              long level) {
    if (distance <= 0) {
      return PreTradeChecks.reject(RejectReason.INVALID_STOPS, what + " " + terms.instrument().format(stop)
        + " is on the wrong side of " + terms.instrument().format(ref));
    }
    if (distance < level) {
      return PreTradeChecks.reject(RejectReason.STOPS_TOO_CLOSE, what + " " + terms.instrument().format(stop)
        + " is " + distance + " points from " + terms.instrument().format(ref) + ", the stops level is " + level);
    }
    return Optional.empty();
  }
}
