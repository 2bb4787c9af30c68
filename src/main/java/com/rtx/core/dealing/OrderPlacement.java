package com.rtx.core.dealing;

import com.rtx.core.market.SymbolTerms;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.swap.Rollover;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Rejection;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;

import java.time.Instant;
import java.util.Optional;

/**
 * {@link Command.PlaceOrder}: validation in a fixed order (the first failure is the reason), then
 * an immediate B-Book fill (MARKET, IOC/FOK LIMIT) or a resting order.
 *
 * <p>Check order: account status and routing → symbol (known, enabled, in session, priced, fresh)
 * → time in force and expiry → price fields present → volume (instrument min/max/step, group
 * maximum) → tick → pending price side, stops level and collar → SL/TP → trailing distance →
 * conversion rates → group notional → group position count → (immediate orders) marketability,
 * deviation, margin.
 *
 * <p>Resting orders hold no margin: margin is checked when they trigger, as in MetaTrader.
 */
final class OrderPlacement {

  private OrderPlacement() {
  }

  static Result place(AccountTxn t, Command.PlaceOrder c) {
    return place(t, c, null);
  }

  /** {@code lp} non-null: an A-Book order, held SENT_TO_LP instead of filled (see {@link LpExecution}). */
  static Result place(AccountTxn t, Command.PlaceOrder c, String lp) {
    Optional<Rejection> r = PreTradeChecks.accountMayTrade(t, PreTradeChecks.reduces(t, c.symbol(), c.side(), c.volume()))
      .or(() -> PreTradeChecks.symbolTradable(t, c.symbol()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    SymbolTerms terms = t.ctx.symbols().get(c.symbol());
    AggregatedQuote q = t.ctx.quotes().get(c.symbol());
    TimeInForce tif = c.timeInForce() != null ? c.timeInForce() : TimeInForce.defaultFor(c.type());
    if (!tif.appliesTo(c.type())) {
      return Result.reject(RejectReason.INVALID_TIME_IN_FORCE, tif + " does not apply to " + c.type());
    }
    Expiry expireAt = expiry(t, tif, c.expireAt());
    if (!expireAt.valid()) {
      return Result.reject(RejectReason.INVALID_EXPIRATION, tif + " with expiry " + c.expireAt() + " at " + t.now());
    }
    r = rawPrices(c).or(() -> inRange(terms, q, c.price(), c.stopLimitPrice(), c.sl(), c.tp(), c.trailingPoints(),
        c.maxDeviationPoints()))
      .or(() -> PreTradeChecks.volume(t, terms, c.volume()))
      .or(() -> PriceChecks.onTick(terms, c.type().isPending() ? c.price() : 0, c.stopLimitPrice(), c.sl(), c.tp()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    boolean immediate = c.type() == OrderType.MARKET || tif.isImmediate();
    if (lp != null && !immediate) {
      return Result.reject(RejectReason.INVALID_TIME_IN_FORCE, "only MARKET and IOC/FOK LIMIT orders go to an LP");
    }
    Order candidate = new Order(0, t.accountId(), c.clientOrderId(), c.symbol(), c.side(), c.type(), c.volume(),
      c.price(), c.stopLimitPrice(), c.sl(), c.tp(), c.trailingPoints(), tif, expireAt.at(), Order.NONE, false,
      OrderStatus.NEW, t.now(), t.now());
    long fillPrice = c.side().dealPrice(q);
    // SL/TP of an immediate fill are judged against where the new position would close now.
    long stopsRef = immediate ? c.side().closePrice(q) : candidate.fillReferencePrice();
    r = (immediate ? Optional.<Rejection>empty() : PriceChecks.pendingPrice(terms, q, candidate)
      .or(() -> PriceChecks.collar(terms, q, candidate, t.ctx.group().limits().pendingCollarBps())))
      .or(() -> PriceChecks.stops(terms, c.side(), c.sl(), c.tp(), stopsRef))
      .or(() -> PriceChecks.trailing(terms, c.trailingPoints()))
      .or(() -> PreTradeChecks.conversions(t, terms))
      .or(() -> PreTradeChecks.notional(t, terms, c.volume(), immediate ? fillPrice : candidate.activePrice()))
      .or(() -> PreTradeChecks.positionCount(t, candidate, !immediate));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    if (!immediate) {
      Order pending = withId(candidate, t.ctx.ids().nextOrderId()).withStatus(OrderStatus.PENDING, t.now());
      t.orders.put(pending.id(), pending);
      t.emit(new AccountEvent.OrderAccepted(pending));
      return t.commit();
    }
    r = (c.type() == OrderType.LIMIT ? marketable(terms, c.side(), c.price(), fillPrice)
      : PriceChecks.deviation(terms, c.side(), c.price(), fillPrice, c.maxDeviationPoints()))
      .or(() -> MarginCheck.check(t, candidate, fillPrice));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    if (lp != null) {
      LpExecution.send(t, withId(candidate, t.ctx.ids().nextOrderId()), fillPrice, lp);
      return t.commit();
    }
    Booking.fill(t, withId(candidate, t.ctx.ids().nextOrderId()), fillPrice, q, DealReason.CLIENT);
    return t.commit();
  }

  /** An order's expiry: whether the request was valid, and the instant (null for none). */
  record Expiry(boolean valid, Instant at) {
  }

  /**
   * The expiry of an order with {@code tif}: GTD needs a future {@code requested}; DAY expires at
   * the next roll-over; the others have none (and must not ask for one).
   */
  static Expiry expiry(AccountTxn t, TimeInForce tif, Instant requested) {
    if (tif == TimeInForce.GTD) {
      return requested != null && requested.isAfter(t.now()) ? new Expiry(true, requested) : new Expiry(false, null);
    }
    if (requested != null) {
      return new Expiry(false, null);
    }
    if (tif == TimeInForce.DAY) {
      return new Expiry(true, t.ctx.rollovers().next(t.now()).map(Rollover::at)
        .orElseThrow(() -> new IllegalStateException("roll-over calendar has no roll-over within a year")));
    }
    return new Expiry(true, null);
  }

  /** Price fields present where the type needs them and absent where it does not. */
  static Optional<Rejection> rawPrices(Command.PlaceOrder c) {
    if (c.price() < 0 || c.stopLimitPrice() < 0 || c.sl() < 0 || c.tp() < 0 || c.maxDeviationPoints() < 0) {
      return PreTradeChecks.reject(RejectReason.INVALID_PRICE, "prices and deviation must not be negative");
    }
    if (c.trailingPoints() < 0) {
      return PreTradeChecks.reject(RejectReason.INVALID_TRAILING, "trailing distance must not be negative");
    }
    if (c.type().isPending() && c.price() == 0) {
      return PreTradeChecks.reject(RejectReason.INVALID_PRICE, c.type() + " needs a price");
    }
    if ((c.type() == OrderType.STOP_LIMIT) != (c.stopLimitPrice() != 0)) {
      return PreTradeChecks.reject(RejectReason.INVALID_PRICE, "a stop-limit price is required for STOP_LIMIT and only for it");
    }
    return Optional.empty();
  }

  /** Every price and distance of an order within what the market allows (see {@link PriceChecks#priceInRange}). */
  static Optional<Rejection> inRange(SymbolTerms terms, AggregatedQuote q, long price, long stopLimitPrice, long sl,
                                     long tp, long trailingPoints, long maxDeviationPoints) {
    return PriceChecks.priceInRange(terms, q, "price", price)
      .or(() -> PriceChecks.priceInRange(terms, q, "stopLimitPrice", stopLimitPrice))
      .or(() -> PriceChecks.priceInRange(terms, q, "sl", sl))
      .or(() -> PriceChecks.priceInRange(terms, q, "tp", tp))
      .or(() -> PriceChecks.distanceInRange(terms, q, "trailingPoints", trailingPoints))
      .or(() -> PriceChecks.distanceInRange(terms, q, "maxDeviation", maxDeviationPoints));
  }

  private static Optional<Rejection> marketable(SymbolTerms terms, Side side, long limit, long fillPrice) {
    boolean ok = side == Side.BUY ? fillPrice <= limit : fillPrice >= limit;
    return ok ? Optional.empty() : PreTradeChecks.reject(RejectReason.LIMIT_NOT_MARKETABLE, side + " limit "
      + terms.instrument().format(limit) + " cannot fill at the market " + terms.instrument().format(fillPrice));
  }

  static Order withId(Order o, long id) {
    return new Order(id, o.accountId(), o.clientOrderId(), o.symbol(), o.side(), o.type(), o.volume(), o.price(),
      o.stopLimitPrice(), o.sl(), o.tp(), o.trailingPoints(), o.timeInForce(), o.expireAt(), o.positionId(), o.triggered(),
      o.status(), o.createdAt(), o.updatedAt());
  }
}
