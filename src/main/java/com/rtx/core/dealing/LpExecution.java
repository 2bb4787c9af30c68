package com.rtx.core.dealing;

import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.QuoteRef;
import com.rtx.core.trading.RejectReason;

/**
 * A-Book orders: held SENT_TO_LP while a liquidity provider works them, then booked from its
 * execution reports.
 *
 * <p>An order sent to an LP has passed every check of a B-Book fill, margin included; until the
 * LP answers, the position it would open is counted in the account's margin
 * ({@link AccountTxn#marginPositions()}), at the price it was sent at. Each fill is booked as a
 * deal at the client price (the LP's price with the group's markup, computed by the caller) with
 * the LP's price as the deal's evidence; a partial fill leaves the rest SENT_TO_LP; a reject or
 * cancel ends it. Reports are applied only to orders still at an LP: a duplicate of a final
 * report finds no order and changes nothing (the shard also drops repeated execution ids).
 */
final class LpExecution {

  private LpExecution() {
  }

  /** Holds {@code order}, validated, as SENT_TO_LP; {@code price} is the client price it was sent at. */
  static void send(AccountTxn t, Order order, long price, String lp) {
    Order sent = new Order(order.id(), order.accountId(), order.clientOrderId(), order.symbol(), order.side(),
      order.type(), order.volume(), order.type() == com.rtx.core.trading.OrderType.LIMIT ? order.price() : price,
      order.stopLimitPrice(), order.sl(), order.tp(), order.trailingPoints(), order.timeInForce(), order.expireAt(),
      order.positionId(), order.triggered(), OrderStatus.NEW, order.createdAt(), t.now())
      .withStatus(OrderStatus.SENT_TO_LP, t.now());
    t.lpOrders.put(sent.id(), sent);
    t.emit(new AccountEvent.OrderSentToLp(sent, lp));
  }

  static Result apply(AccountTxn t, Command.ApplyExecution c) {
    Order order = t.lpOrders.get(c.orderId());
    if (order == null) {
      return Result.reject(RejectReason.ORDER_NOT_FOUND, "no order " + c.orderId() + " at an LP");
    }
    switch (c.type()) {
      case PARTIAL_FILL, FILL -> {
        if (c.volume() <= 0 || c.volume() > order.volume() || c.clientPrice() <= 0 || c.lpPrice() <= 0) {
          throw new IllegalArgumentException("execution " + c + " does not fit order " + order);
        }
        if (order.isClose() && !t.positions.containsKey(order.positionId())) {
          // The position was closed meanwhile (stop-out, SL at the broker): nothing left to close here.
          t.lpOrders.remove(order.id());
          t.emit(new AccountEvent.OrderRejected(order.withStatus(OrderStatus.REJECTED, t.now()),
            RejectReason.POSITION_NOT_FOUND, "position " + order.positionId() + " was closed before the LP fill"));
          return t.commit();
        }
        QuoteRef evidence = new QuoteRef(order.symbol(), 0, c.lpPrice(), c.lpPrice(), c.lp(), c.lp(), QuoteStatus.OK,
          t.now().toEpochMilli());
        long dealId = Booking.lpFill(t, order, c.volume(), c.clientPrice(), evidence).id();
        long remaining = order.volume() - c.volume();
        if (remaining == 0 || c.type() == Command.LpExecType.FILL) {
          t.lpOrders.remove(order.id());
          t.emit(new AccountEvent.OrderFilled(order.withStatus(OrderStatus.FILLED, t.now()), dealId));
        } else {
          Order rest = withVolume(order, remaining, t);
          t.lpOrders.put(rest.id(), rest);
          t.emit(new AccountEvent.OrderPartiallyFilled(rest, dealId));
        }
        MarginControl.protectNegativeBalance(t, "negative balance protection after an LP fill");
      }
      case REJECTED -> {
        t.lpOrders.remove(order.id());
        t.emit(new AccountEvent.OrderRejected(order.withStatus(OrderStatus.REJECTED, t.now()), RejectReason.LP_REJECTED,
          c.lp() + ": " + (c.text() == null ? "rejected" : c.text())));
      }
      case CANCELLED -> {
        t.lpOrders.remove(order.id());
        t.emit(new AccountEvent.OrderCancelled(order.withStatus(OrderStatus.CANCELLED, t.now())));
      }
      default -> throw new IllegalArgumentException("unknown execution type " + c.type());
    }
    return t.commit();
  }

  private static Order withVolume(Order o, long volume, AccountTxn t) {
    return new Order(o.id(), o.accountId(), o.clientOrderId(), o.symbol(), o.side(), o.type(), volume, o.price(),
      o.stopLimitPrice(), o.sl(), o.tp(), o.trailingPoints(), o.timeInForce(), o.expireAt(), o.positionId(),
      o.triggered(), o.status(), o.createdAt(), t.now());
  }
}
