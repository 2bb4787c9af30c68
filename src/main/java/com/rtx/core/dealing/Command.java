package com.rtx.core.dealing;

import com.rtx.core.account.AccountStatus;
import com.rtx.core.swap.Rollover;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;

import java.time.Instant;
import java.util.Objects;

/**
 * What can be asked of an account. Prices are instrument units, volumes
 * {@link com.rtx.core.market.Lots} units, money minor units of the account currency; 0 means
 * "not set" for optional prices and distances ({@link com.rtx.core.trading.Order#NONE}).
 */
public sealed interface Command {

  /**
   * Place an order.
   *
   * @param timeInForce null for the type's default ({@link TimeInForce#defaultFor})
   * @param expireAt GTD only
   * @param price MARKET: the price the client saw, for {@code maxDeviationPoints} (0 = no check)
   * @param maxDeviationPoints MARKET: how many points worse than {@code price} the fill may be
   */
  record PlaceOrder(String clientOrderId, String symbol, Side side, OrderType type, long volume, long price,
                    long stopLimitPrice, long sl, long tp, long trailingPoints, TimeInForce timeInForce,
                    Instant expireAt, long maxDeviationPoints) implements Command {
    public PlaceOrder {
      Objects.requireNonNull(symbol, "symbol");
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(type, "type");
    }

    /** A market order without SL/TP or deviation check. */
    public static PlaceOrder market(String clientOrderId, String symbol, Side side, long volume) {
      return new PlaceOrder(clientOrderId, symbol, side, OrderType.MARKET, volume, 0, 0, 0, 0, 0, null, null, 0);
    }

    /** A GTC pending order of {@code type} at {@code price}. */
    public static PlaceOrder pending(String clientOrderId, String symbol, Side side, OrderType type, long volume,
                                     long price) {
      return new PlaceOrder(clientOrderId, symbol, side, type, volume, price, 0, 0, 0, 0, null, null, 0);
    }

    public PlaceOrder withStops(long newSl, long newTp) {
      return new PlaceOrder(clientOrderId, symbol, side, type, volume, price, stopLimitPrice, newSl, newTp,
        trailingPoints, timeInForce, expireAt, maxDeviationPoints);
    }

    public PlaceOrder withTimeInForce(TimeInForce tif, Instant expiry) {
      return new PlaceOrder(clientOrderId, symbol, side, type, volume, price, stopLimitPrice, sl, tp, trailingPoints,
        tif, expiry, maxDeviationPoints);
    }
  }

  /**
   * A-Book: validate {@code order} — a {@link PlaceOrder} of an immediate type (MARKET, or an
   * IOC/FOK LIMIT) or a {@link ClosePosition} — exactly as for a B-Book fill, margin included at the
   * current client price, then hold it as SENT_TO_LP for {@code lp} instead of filling it. The
   * shard sends it to the LP after the commit.
   */
  record SendToLp(Command order, String lp) implements Command {
    public SendToLp {
      if (!(order instanceof PlaceOrder) && !(order instanceof ClosePosition)) {
        throw new IllegalArgumentException("only orders and closes go to an LP, not " + order);
      }
      Objects.requireNonNull(lp, "lp");
    }
  }

  /**
   * A-Book: an execution report of an order at an LP.
   *
   * @param volume FILL/PARTIAL_FILL: the volume filled by this report ({@link com.rtx.core.market.Lots} units)
   * @param lpPrice FILL/PARTIAL_FILL: the LP's execution price (instrument units)
   * @param clientPrice FILL/PARTIAL_FILL: the client's price: the LP price with the group's markup
   * @param text the LP's reason for a reject or cancel
   */
  record ApplyExecution(long orderId, LpExecType type, long volume, long lpPrice, long clientPrice, String lp,
                        String execId, String text) implements Command {
    public ApplyExecution {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(lp, "lp");
    }
  }

  /** What an LP's execution report did to an order. */
  enum LpExecType {
    /** Some of the order filled; the rest is still working at the LP. */
    PARTIAL_FILL,
    /** The rest of the order filled. */
    FILL,
    /** The LP refused the order (nothing filled by this report). */
    REJECTED,
    /** The LP cancelled or expired what was left of the order. */
    CANCELLED
  }

  /** Change a pending order's prices, stops and expiry (volume and side never change). */
  record ModifyOrder(long orderId, long price, long stopLimitPrice, long sl, long tp, long trailingPoints,
                     TimeInForce timeInForce, Instant expireAt) implements Command {
  }

  record CancelOrder(long orderId) implements Command {
  }

  /** Set a position's SL, TP and trailing distance (0 removes each). */
  record ModifyPosition(long positionId, long sl, long tp, long trailingPoints) implements Command {
  }

  /**
   * Close a position, or part of it.
   *
   * @param volume volume to close, 0 for all of it
   */
  record ClosePosition(long positionId, long volume, String clientOrderId, long price, long maxDeviationPoints)
    implements Command {
  }

  /** Hedging only: close two opposite positions of one symbol against each other. */
  record CloseBy(long positionId, long oppositePositionId, String clientOrderId) implements Command {
  }

  record Deposit(long amount, String comment) implements Command {
  }

  record Withdraw(long amount, String comment) implements Command {
  }

  /** A dealer's balance correction, any sign but zero. */
  record Adjust(long amount, String comment) implements Command {
  }

  /** Grant (positive) or remove (negative) credit. */
  record ChangeCredit(long amount, String comment) implements Command {
  }

  record ChangeStatus(AccountStatus status) implements Command {
  }

  /**
   * A new quote of {@code symbol} is in the context: expire due orders, move trailing stops, run
   * triggered orders and SL/TP, then check margin call and stop-out.
   */
  record ProcessQuote(String symbol) implements Command {
    public ProcessQuote {
      Objects.requireNonNull(symbol, "symbol");
    }
  }

  /** Expire DAY and GTD orders due at the context's time (a timer, when no quote arrives). */
  record ExpireOrders() implements Command {
  }

  /** Run one daily roll-over: expire DAY orders, charge swaps, take the daily equity snapshot. */
  record ApplyRollover(Rollover rollover) implements Command {
    public ApplyRollover {
      Objects.requireNonNull(rollover, "rollover");
    }
  }
}
