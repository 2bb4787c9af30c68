package com.rtx.core.dealing;

import com.rtx.core.account.AccountStatus;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Rejection;
import com.rtx.core.trading.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Modify, cancel and expire resting orders. */
final class OrderMaintenance {

  private OrderMaintenance() {
  }

  /**
   * {@link Command.ModifyOrder}: the same price, stop and expiry checks as placement. A triggered
   * STOP_LIMIT's stop price can no longer change. Allowed on CLOSE_ONLY accounts (it cannot add
   * risk: the fill is checked at trigger), not on DISABLED ones.
   */
  static Result modify(AccountTxn t, Command.ModifyOrder c) {
    if (t.lpOrders.containsKey(c.orderId())) {
      return Result.reject(RejectReason.ORDER_AT_LP, "order " + c.orderId() + " is being worked by an LP");
    }
    Order o = t.orders.get(c.orderId());
    if (o == null) {
      return Result.reject(RejectReason.ORDER_NOT_FOUND, "no pending order " + c.orderId());
    }
    Optional<Rejection> r = notDisabled(t).or(() -> PreTradeChecks.symbolTradable(t, o.symbol()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    SymbolTerms terms = t.ctx.symbols().get(o.symbol());
    AggregatedQuote q = t.ctx.quotes().get(o.symbol());
    TimeInForce tif = c.timeInForce() != null ? c.timeInForce() : o.timeInForce();
    if (!tif.appliesTo(o.type()) || tif.isImmediate()) {
      return Result.reject(RejectReason.INVALID_TIME_IN_FORCE, tif + " does not apply to a resting " + o.type());
    }
    // Keeping the time in force without naming an expiry keeps the order's expiry (a DAY order stays
    // with its trading day); anything else is judged like a new order's.
    boolean keepsExpiry = tif == o.timeInForce() && c.expireAt() == null;
    OrderPlacement.Expiry expiry = keepsExpiry ? new OrderPlacement.Expiry(true, o.expireAt())
      : OrderPlacement.expiry(t, tif, c.expireAt());
    if (!expiry.valid()) {
      return Result.reject(RejectReason.INVALID_EXPIRATION, tif + " with expiry " + c.expireAt() + " at " + t.now());
    }
    if (c.price() <= 0 || c.sl() < 0 || c.tp() < 0 || c.stopLimitPrice() < 0
      || (o.type() == OrderType.STOP_LIMIT) != (c.stopLimitPrice() != 0)
      || (o.triggered() && c.price() != o.price())) {
      return Result.reject(RejectReason.INVALID_PRICE, "invalid prices for a " + (o.triggered() ? "triggered " : "")
        + o.type());
    }
    if (c.trailingPoints() < 0) {
      return Result.reject(RejectReason.INVALID_TRAILING, "trailing distance must not be negative");
    }
    Order candidate = o.modified(c.price(), c.stopLimitPrice(), c.sl(), c.tp(), c.trailingPoints(), tif, expiry.at(),
      t.now());
    if (candidate.equals(o.modified(o.price(), o.stopLimitPrice(), o.sl(), o.tp(), o.trailingPoints(), o.timeInForce(),
      o.expireAt(), t.now()))) {
      return Result.reject(RejectReason.NO_CHANGES, "order " + o.id() + " already has these values");
    }
    r = OrderPlacement.inRange(terms, q, c.price(), c.stopLimitPrice(), c.sl(), c.tp(), c.trailingPoints(), 0)
      .or(() -> PriceChecks.onTick(terms, c.price(), c.stopLimitPrice(), c.sl(), c.tp()))
      .or(() -> PriceChecks.pendingPrice(terms, q, candidate))
      .or(() -> PriceChecks.collar(terms, q, candidate, t.ctx.group().limits().pendingCollarBps()))
      .or(() -> PriceChecks.stops(terms, o.side(), c.sl(), c.tp(), candidate.fillReferencePrice()))
      .or(() -> PriceChecks.trailing(terms, c.trailingPoints()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    t.orders.put(candidate.id(), candidate);
    t.emit(new AccountEvent.OrderModified(candidate));
    return t.commit();
  }

  /** {@link Command.CancelOrder}: allowed unless the account is DISABLED. */
  static Result cancel(AccountTxn t, Command.CancelOrder c) {
    if (t.lpOrders.containsKey(c.orderId())) {
      return Result.reject(RejectReason.ORDER_AT_LP, "order " + c.orderId() + " is being worked by an LP");
    }
    Order o = t.orders.get(c.orderId());
    if (o == null) {
      return Result.reject(RejectReason.ORDER_NOT_FOUND, "no pending order " + c.orderId());
    }
    Optional<Rejection> r = notDisabled(t);
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    t.orders.remove(o.id());
    t.emit(new AccountEvent.OrderCancelled(o.withStatus(OrderStatus.CANCELLED, t.now())));
    return t.commit();
  }

  /** Expires every DAY or GTD order whose expiry is at or before now, in id order. */
  static void expireDue(AccountTxn t) {
    List<Order> due = new ArrayList<>();
    for (Order o : t.orders.values()) {
      if (o.expireAt() != null && !o.expireAt().isAfter(t.now())) {
        due.add(o);
      }
    }
    for (Order o : due) {
      t.orders.remove(o.id());
      t.emit(new AccountEvent.OrderExpired(o.withStatus(OrderStatus.EXPIRED, t.now())));
    }
  }

  static Optional<Rejection> notDisabled(AccountTxn t) {
    return t.profile.status() == AccountStatus.DISABLED
      ? PreTradeChecks.reject(RejectReason.ACCOUNT_DISABLED, "account " + t.accountId() + " is disabled")
      : Optional.empty();
  }
}
