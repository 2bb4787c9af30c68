package com.rtx.core.dealing;

import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Rejection;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link Command.ProcessQuote}: on a new client quote of one symbol, in this order:
 * <ol>
 *   <li>expire DAY/GTD orders that are due;</li>
 *   <li>if the quote is dealable ({@link QuoteStatus#OK}): move trailing stops, then execute the
 *       triggered SL, TP and orders one by one in {@link TriggerEngine} order, each against the
 *       state the previous left;</li>
 *   <li>margin call, stop-out and negative-balance protection ({@link MarginControl}).</li>
 * </ol>
 * A triggered order that can no longer fill (status, limits, margin) is REJECTED with its reason;
 * SL and TP always execute.
 *
 * <p>Each trailing stop and each trigger runs {@linkplain AccountTxn#isolated isolated}: if one
 * throws (a bug, or state written by an older version), it is rolled back and reported as a
 * {@link ProcessingFault}, and the others, and the margin control after them, still run. The
 * margin control is isolated too, so a failure there still commits the triggers before it.
 */
final class QuoteProcessing {

  private QuoteProcessing() {
  }

  static Result process(AccountTxn t, Command.ProcessQuote c) {
    OrderMaintenance.expireDue(t);
    Optional<AggregatedQuote> quote = t.ctx.quotes().find(c.symbol());
    if (quote.isEmpty() || quote.get().status() != QuoteStatus.OK) {
      return t.commit();
    }
    AggregatedQuote q = quote.get();
    trail(t, q);
    for (TriggerEngine.Trigger trigger : TriggerEngine.triggered(t.orders.values(), t.positions.values(), q)) {
      t.isolated(ProcessingFault.Stage.TRIGGER, trigger.id(), () -> execute(t, trigger, q));
    }
    t.isolated(ProcessingFault.Stage.MARGIN_CONTROL, 0, () -> MarginControl.run(t));
    return t.commit();
  }

  private static void trail(AccountTxn t, AggregatedQuote q) {
    for (Position p : List.copyOf(t.positions.values())) {
      if (p.trailingPoints() == 0) {
        continue; // nothing to trail: no savepoint (a copy of the account's positions and orders) either
      }
      t.isolated(ProcessingFault.Stage.TRAILING_STOP, p.id(), () -> {
        OptionalLong sl = TriggerEngine.trailedStop(p, q);
        if (sl.isPresent()) {
          Position moved = p.withStops(sl.getAsLong(), p.tp(), p.trailingPoints());
          t.positions.put(moved.id(), moved);
          t.emit(new AccountEvent.PositionChanged(moved));
        }
      });
    }
  }

  private static void execute(AccountTxn t, TriggerEngine.Trigger trigger, AggregatedQuote q) {
    if (trigger.kind() == TriggerEngine.Kind.ORDER) {
      Order o = t.orders.get(trigger.id());
      if (o != null && TriggerEngine.orderDepth(o, q) >= 0) {
        triggerOrder(t, o, q);
      }
      return;
    }
    Position p = t.positions.get(trigger.id());
    long level = p == null ? 0 : trigger.kind() == TriggerEngine.Kind.STOP_LOSS ? p.sl() : p.tp();
    // An earlier trigger of this quote may have closed, reduced or flipped the position.
    if (p != null && p.side() == trigger.side() && level == trigger.level()) {
      DealReason reason = trigger.kind() == TriggerEngine.Kind.STOP_LOSS ? DealReason.STOP_LOSS : DealReason.TAKE_PROFIT;
      Booking.close(t, p, p.volume(), q, reason, null);
    }
  }

  private static void triggerOrder(AccountTxn t, Order o, AggregatedQuote q) {
    Order order = o;
    if (order.type() == OrderType.STOP_LIMIT && !order.triggered()) {
      order = order.triggeredAt(t.now());
      t.orders.put(order.id(), order);
      t.emit(new AccountEvent.OrderTriggered(order));
      if (TriggerEngine.orderDepth(order, q) < 0) {
        return; // rests as a limit until the market comes back to it
      }
    }
    Order toFill = order;
    long price = toFill.side().dealPrice(q);
    Optional<Rejection> r = PreTradeChecks.accountMayTrade(t, PreTradeChecks.reduces(t, toFill.symbol(), toFill.side(),
        toFill.volume()))
      .or(() -> PreTradeChecks.conversions(t, t.ctx.symbols().get(toFill.symbol())))
      .or(() -> PreTradeChecks.positionCount(t, toFill, false))
      .or(() -> MarginCheck.check(t, toFill, price));
    if (r.isPresent()) {
      t.orders.remove(toFill.id());
      t.emit(new AccountEvent.OrderRejected(toFill.withStatus(OrderStatus.REJECTED, t.now()), r.get().reason(),
        r.get().detail()));
      return;
    }
    Booking.fill(t, toFill, price, q, DealReason.PENDING_ORDER);
  }
}
