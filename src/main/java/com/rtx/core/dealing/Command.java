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
