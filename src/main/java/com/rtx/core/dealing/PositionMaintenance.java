package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.market.Lots;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Rejection;

import java.util.Optional;

/**
 * Client operations on open positions: SL/TP/trailing, full and partial close, close-by. All of
 * them reduce risk, so CLOSE_ONLY accounts may use them; DISABLED ones may not. Closing is never
 * refused for margin.
 */
final class PositionMaintenance {

  private PositionMaintenance() {
  }

  /** {@link Command.ModifyPosition}: SL/TP against the position's current closing price. */
  static Result modify(AccountTxn t, Command.ModifyPosition c) {
    Position p = t.positions.get(c.positionId());
    if (p == null) {
      return Result.reject(RejectReason.POSITION_NOT_FOUND, "no open position " + c.positionId());
    }
    if (c.sl() < 0 || c.tp() < 0) {
      return Result.reject(RejectReason.INVALID_PRICE, "sl and tp must not be negative");
    }
    if (c.trailingPoints() < 0) {
      return Result.reject(RejectReason.INVALID_TRAILING, "trailing distance must not be negative");
    }
    Optional<Rejection> r = OrderMaintenance.notDisabled(t).or(() -> PreTradeChecks.symbolTradable(t, p.symbol()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    if (p.sl() == c.sl() && p.tp() == c.tp() && p.trailingPoints() == c.trailingPoints()) {
      return Result.reject(RejectReason.NO_CHANGES, "position " + p.id() + " already has these stops");
    }
    SymbolTerms terms = t.ctx.symbols().get(p.symbol());
    AggregatedQuote q = t.ctx.quotes().get(p.symbol());
    r = OrderPlacement.inRange(terms, q, 0, 0, c.sl(), c.tp(), c.trailingPoints(), 0)
      .or(() -> PriceChecks.onTick(terms, c.sl(), c.tp()))
      .or(() -> PriceChecks.stops(terms, p.side(), c.sl(), c.tp(), p.side().closePrice(q)))
      .or(() -> PriceChecks.trailing(terms, c.trailingPoints()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    Position changed = p.withStops(c.sl(), c.tp(), c.trailingPoints());
    t.positions.put(p.id(), changed);
    t.emit(new AccountEvent.PositionChanged(changed));
    return t.commit();
  }

  /**
   * {@link Command.ClosePosition}: closes all or part of a position at market. A partial close
   * must be on the volume step and leave at least the instrument's minimum volume.
   */
  static Result close(AccountTxn t, Command.ClosePosition c) {
    return close(t, c, null);
  }

  /** {@code lp} non-null: an A-Book close, held SENT_TO_LP until the LP fills it. */
  static Result close(AccountTxn t, Command.ClosePosition c, String lp) {
    Position p = t.positions.get(c.positionId());
    if (p == null) {
      return Result.reject(RejectReason.POSITION_NOT_FOUND, "no open position " + c.positionId());
    }
    if (t.lpOrders.values().stream().anyMatch(o -> o.positionId() == p.id())) {
      return Result.reject(RejectReason.ORDER_AT_LP, "a close of position " + p.id() + " is already at an LP");
    }
    Optional<Rejection> r = PreTradeChecks.accountMayTrade(t, true).or(() -> PreTradeChecks.symbolTradable(t, p.symbol()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    SymbolTerms terms = t.ctx.symbols().get(p.symbol());
    AggregatedQuote q = t.ctx.quotes().get(p.symbol());
    long volume = c.volume() == 0 ? p.volume() : c.volume();
    long remaining = p.volume() - volume;
    if (volume < 0 || remaining < 0 || volume % terms.volumeStep() != 0
      || (remaining > 0 && (remaining < terms.volumeMin() || volume < terms.volumeMin()))) {
      return Result.reject(RejectReason.INVALID_CLOSE_VOLUME, "cannot close " + Lots.format(volume) + " of "
        + Lots.format(p.volume()) + " lots");
    }
    long fill = p.side().closePrice(q);
    if (c.price() < 0 || c.maxDeviationPoints() < 0) {
      return Result.reject(RejectReason.INVALID_PRICE, "requested price and deviation must not be negative");
    }
    r = OrderPlacement.inRange(terms, q, c.price(), 0, 0, 0, 0, c.maxDeviationPoints())
      .or(() -> PriceChecks.deviation(terms, p.side().opposite(), c.price(), fill, c.maxDeviationPoints()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    if (lp != null) {
      LpExecution.send(t, Booking.closingOrder(t, p, volume, c.clientOrderId()), fill, lp);
      return t.commit();
    }
    Booking.close(t, p, volume, q, DealReason.CLIENT, c.clientOrderId());
    MarginControl.protectNegativeBalance(t, "negative balance protection after close");
    return t.commit();
  }

  /** {@link Command.CloseBy}: two opposite positions of one symbol in a hedging account. */
  static Result closeBy(AccountTxn t, Command.CloseBy c) {
    Position a = t.positions.get(c.positionId());
    Position b = t.positions.get(c.oppositePositionId());
    if (a == null || b == null) {
      return Result.reject(RejectReason.POSITION_NOT_FOUND, "no open position " + (a == null ? c.positionId()
        : c.oppositePositionId()));
    }
    if (t.profile.mode() != AccountMode.HEDGING || a.id() == b.id() || !a.symbol().equals(b.symbol())
      || a.side() == b.side()) {
      return Result.reject(RejectReason.CLOSE_BY_NOT_ALLOWED, "positions " + a.id() + " and " + b.id()
        + " are not opposite positions of one symbol in a hedging account");
    }
    Optional<Rejection> r = PreTradeChecks.accountMayTrade(t, true).or(() -> PreTradeChecks.symbolTradable(t, a.symbol()));
    if (r.isPresent()) {
      return new Result.Rejected(r.get());
    }
    Booking.closeBy(t, a, b, t.ctx.quotes().get(a.symbol()), c.clientOrderId());
    MarginControl.protectNegativeBalance(t, "negative balance protection after close");
    return t.commit();
  }
}
