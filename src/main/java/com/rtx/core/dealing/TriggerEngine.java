package com.rtx.core.dealing;

import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which resting orders, stop losses and take profits a new client quote triggers, and in which
 * order they execute; and where trailing stops move.
 *
 * <p><b>Sides of the quote</b> (MetaTrader's convention; every condition is inclusive):
 * <table>
 *   <caption>Trigger conditions</caption>
 *   <tr><th>what</th><th>watches</th><th>triggers when</th></tr>
 *   <tr><td>BUY LIMIT</td><td>ask</td><td>ask ≤ price</td></tr>
 *   <tr><td>BUY STOP, BUY STOP_LIMIT (stop)</td><td>ask</td><td>ask ≥ price</td></tr>
 *   <tr><td>SELL LIMIT</td><td>bid</td><td>bid ≥ price</td></tr>
 *   <tr><td>SELL STOP, SELL STOP_LIMIT (stop)</td><td>bid</td><td>bid ≤ price</td></tr>
 *   <tr><td>long position SL / TP</td><td>bid</td><td>bid ≤ SL / bid ≥ TP</td></tr>
 *   <tr><td>short position SL / TP</td><td>ask</td><td>ask ≥ SL / ask ≤ TP</td></tr>
 * </table>
 * A buy deals at the ask and a long closes at the bid, so each condition watches the price the
 * resulting deal would get. A triggered STOP_LIMIT becomes a LIMIT at its limit price (which may
 * fill on the same quote if marketable).
 *
 * <p><b>Execution order: price, then time.</b> Each trigger has a depth: how far the market has
 * gone past its level, in points. Deeper first: on a falling ask, a BUY LIMIT at 1.1010 was
 * crossed before one at 1.1005, and a BUY STOP at 1.1000 before one at 1.1005 on a rising ask,
 * which is the order a continuous price path would have hit them. Equal depth: earlier first
 * (order placement or position opening time), then SL before TP before orders, then lower id.
 *
 * <p><b>Fills</b> are at the triggering quote's dealable side, whatever the level: a gap gives
 * limits and take profits the better price and stops and stop losses the worse — exactly what a
 * market order would have got at that moment, symmetric between client and house.
 *
 * <p><b>Trailing stops</b> (distance {@code d} points, server-side, active from the moment they
 * are set): a long's SL becomes {@code bid − d} whenever that is above the current SL (or there is
 * none), a short's becomes {@code ask + d} whenever that is below it. They never move back.
 */
public final class TriggerEngine {

  /** What a trigger executes. Declared in tie-break order. */
  public enum Kind {
    STOP_LOSS,
    TAKE_PROFIT,
    ORDER
  }

  /**
   * One triggered item.
   *
   * @param kind order, SL or TP
   * @param id the order id (ORDER) or position id (SL, TP)
   * @param side the order's side, or the position's side
   * @param level the price that was reached (order's active price, SL or TP)
   * @param depth points the market is past {@code level}, {@code >= 0}
   * @param since time priority: order placement, or position opening
   */
  public record Trigger(Kind kind, long id, Side side, long level, long depth, Instant since) {
    public Trigger {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(since, "since");
    }
  }

  /** Price, then time, then kind, then id. */
  public static final Comparator<Trigger> EXECUTION_ORDER = Comparator.comparingLong(Trigger::depth).reversed()
    .thenComparing(Trigger::since)
    .thenComparing(Trigger::kind)
    .thenComparingLong(Trigger::id);

  private TriggerEngine() {
  }

  /**
   * The triggers of {@code q} among the pending orders and positions of its symbol, in execution
   * order. Orders and positions of other symbols are ignored.
   */
  public static List<Trigger> triggered(Collection<Order> orders, Collection<Position> positions, AggregatedQuote q) {
    List<Trigger> out = new ArrayList<>();
    for (Order o : orders) {
      if (o.symbol().equals(q.symbol()) && o.status() == OrderStatus.PENDING) {
        long depth = orderDepth(o, q);
        if (depth >= 0) {
          out.add(new Trigger(Kind.ORDER, o.id(), o.side(), o.activePrice(), depth, o.createdAt()));
        }
      }
    }
    for (Position p : positions) {
      if (!p.symbol().equals(q.symbol())) {
        continue;
      }
      long close = p.side().closePrice(q);
      boolean isLong = p.side() == Side.BUY;
      if (p.sl() != 0) {
        long depth = isLong ? p.sl() - close : close - p.sl();
        if (depth >= 0) {
          out.add(new Trigger(Kind.STOP_LOSS, p.id(), p.side(), p.sl(), depth, p.openedAt()));
          continue; // a position closes once: SL wins if SL and TP were both reached
        }
      }
      if (p.tp() != 0) {
        long depth = isLong ? close - p.tp() : p.tp() - close;
        if (depth >= 0) {
          out.add(new Trigger(Kind.TAKE_PROFIT, p.id(), p.side(), p.tp(), depth, p.openedAt()));
        }
      }
    }
    out.sort(EXECUTION_ORDER);
    return out;
  }

  /** How far past its trigger level the order's watched price is; negative if not triggered. */
  public static long orderDepth(Order o, AggregatedQuote q) {
    long market = o.side().dealPrice(q);
    long price = o.activePrice();
    boolean limit = o.activeType() == OrderType.LIMIT;
    if (o.side() == Side.BUY) {
      return limit ? price - market : market - price;
    }
    return limit ? market - price : price - market;
  }

  /** The SL a trailing stop moves {@code p} to on {@code q}, or empty if it stays. */
  public static OptionalLong trailedStop(Position p, AggregatedQuote q) {
    if (p.trailingPoints() == 0 || !p.symbol().equals(q.symbol())) {
      return OptionalLong.empty();
    }
    if (p.side() == Side.BUY) {
      long candidate = q.bid() - p.trailingPoints();
      return candidate > 0 && (p.sl() == 0 || candidate > p.sl()) ? OptionalLong.of(candidate) : OptionalLong.empty();
    }
    if (p.trailingPoints() > Long.MAX_VALUE - q.ask()) {
      return OptionalLong.empty(); // a stop beyond any representable price never moves (and never overflows)
    }
    long candidate = q.ask() + p.trailingPoints();
    return p.sl() == 0 || candidate < p.sl() ? OptionalLong.of(candidate) : OptionalLong.empty();
  }
}
