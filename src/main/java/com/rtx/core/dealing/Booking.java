package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.commission.CommissionCalculator;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.PnlCalculator;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.trading.Deal;
import com.rtx.core.trading.DealEntry;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.QuoteRef;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * B-Book execution: books a fill as a deal, its position change, and its ledger entries
 * (realized P&amp;L, commission), and emits the events in that order: order filled, deal,
 * position, ledger. Every check has been done by the caller; a failure here is a bug.
 */
final class Booking {

  private Booking() {
  }

  /**
   * What a fill of {@code order} would do to the account's positions. {@code newPositionId} is
   * asked only when the fill opens a position, so a preview need not consume ids.
   */
  static PositionChange preview(AccountTxn t, Order order, long price, LongSupplier newPositionId) {
    SymbolTerms terms = t.ctx.symbols().get(order.symbol());
    if (order.isClose()) {
      Position target = t.positions.get(order.positionId());
      if (target == null) {
        throw new IllegalStateException("order " + order.id() + " closes missing position " + order.positionId());
      }
      return PositionChange.close(target, order.volume());
    }
    Optional<Position> netting = t.profile.mode() == AccountMode.NETTING
      ? t.nettingPosition(order.symbol()) : Optional.empty();
    if (netting.isPresent()) {
      return PositionChange.net(netting.get(), order.side(), order.volume(), terms.price(price), terms.digits(), t.now(),
        order.sl(), order.tp(), order.trailingPoints());
    }
    return PositionChange.open(newPositionId.getAsLong(), t.accountId(), order.symbol(), order.side(), order.volume(),
      terms.price(price), t.now(), order.sl(), order.tp(), order.trailingPoints());
  }

  /** Fills {@code order} (NEW or PENDING) at {@code price} on quote {@code q}. */
  static Deal fill(AccountTxn t, Order order, long price, AggregatedQuote q, DealReason reason) {
    PositionChange change = preview(t, order, price, t.ctx.ids()::nextPositionId);
    return book(t, order, order.side(), order.volume(), price, change, change.before() == null ? null
      : change.before().openPrice(), QuoteRef.of(q), reason, change.entry());
  }

  /**
   * Closes {@code volume} of {@code position} at its closing side of {@code q} through a new
   * market order (every deal has an order), e.g. for SL, TP, stop-out or a client close.
   */
  static Deal close(AccountTxn t, Position position, long volume, AggregatedQuote q, DealReason reason,
                    String clientOrderId) {
    Order order = closingOrder(t, position, volume, clientOrderId);
    return fill(t, order, position.side().closePrice(q), q, reason);
  }

  /**
   * Close-by: closes the common volume of two opposite positions of one symbol against each other
   * without touching the market. Position {@code a} is closed at {@code b}'s open price and
   * {@code b} at its own open price, so the pair realizes exactly
   * {@code (openPrice of the short − openPrice of the long) × contractSize × lots} and pays no
   * second spread (MetaTrader 5 "Close By"). Each of the two closing deals is charged commission
   * as a side.
   */
  static void closeBy(AccountTxn t, Position a, Position b, AggregatedQuote q, String clientOrderId) {
    SymbolTerms terms = t.ctx.symbols().get(a.symbol());
    long volume = Math.min(a.volume(), b.volume());
    long bPrice = b.openPriceUnits(terms.digits());
    Order order = closingOrder(t, a, volume, clientOrderId);
    long dealA = t.ctx.ids().nextDealId();
    t.emit(new AccountEvent.OrderFilled(order.withStatus(OrderStatus.FILLED, t.now()), dealA));
    book(t, dealA, order, a.side().opposite(), volume, bPrice, PositionChange.close(a, volume), a.openPrice(),
      QuoteRef.of(q), DealReason.CLOSE_BY, DealEntry.OUT_BY);
    book(t, t.ctx.ids().nextDealId(), order, b.side().opposite(), volume, bPrice, PositionChange.close(b, volume),
      b.openPrice(), QuoteRef.of(q), DealReason.CLOSE_BY, DealEntry.OUT_BY);
  }

  static Order closingOrder(AccountTxn t, Position position, long volume, String clientOrderId) {
    return new Order(t.ctx.ids().nextOrderId(), t.accountId(), clientOrderId, position.symbol(),
      position.side().opposite(), OrderType.MARKET, volume, 0, 0, 0, 0, 0, TimeInForce.FOK, null, position.id(), false,
      OrderStatus.NEW, t.now(), t.now());
  }

  private static Deal book(AccountTxn t, Order order, Side side, long volume, long price, PositionChange change,
                           BigDecimal closedOpenPrice, QuoteRef q, DealReason reason, DealEntry entry) {
    long dealId = t.ctx.ids().nextDealId();
    t.orders.remove(order.id());
    t.emit(new AccountEvent.OrderFilled(order.withStatus(OrderStatus.FILLED, t.now()), dealId));
    return book(t, dealId, order, side, volume, price, change, closedOpenPrice, q, reason, entry);
  }

  /**
   * A-Book: books {@code volume} of {@code order} filled at the LP at client price {@code price}
   * ({@code lpFill} records the LP's price as the deal's evidence). The order's events are the
   * caller's (filled or partially filled); this books the deal, position and ledger.
   */
  static Deal lpFill(AccountTxn t, Order order, long volume, long price, QuoteRef lpFill) {
    Order part = new Order(order.id(), order.accountId(), order.clientOrderId(), order.symbol(), order.side(),
      order.type(), volume, order.price(), order.stopLimitPrice(), order.sl(), order.tp(), order.trailingPoints(),
      order.timeInForce(), order.expireAt(), order.positionId(), order.triggered(), OrderStatus.NEW, order.createdAt(),
      order.updatedAt());
    PositionChange change = preview(t, part, price, t.ctx.ids()::nextPositionId);
    return book(t, t.ctx.ids().nextDealId(), part, part.side(), volume, price, change,
      change.before() == null ? null : change.before().openPrice(), lpFill, DealReason.CLIENT, change.entry());
  }

  private static Deal book(AccountTxn t, long dealId, Order order, Side side, long volume, long price,
                           PositionChange change, BigDecimal closedOpenPrice, QuoteRef q,
                           DealReason reason, DealEntry entry) {
    SymbolTerms terms = t.ctx.symbols().get(order.symbol());
    CurrencyConverter converter = t.converter();
    long realized = change.closedVolume() == 0 ? 0
      : PnlCalculator.profit(terms, change.before().side(), change.closedVolume(), closedOpenPrice, price, t.currency(),
        converter, Rounding.Purpose.REALIZED_PNL);
    long commission = CommissionCalculator.commission(t.ctx.group().commission(), terms, volume, price, t.currency(),
      converter);
    long positionId = change.positionId();
    Deal deal = new Deal(dealId, t.accountId(), order.id(), positionId, order.symbol(), side, volume, price, entry, reason,
      realized, commission, t.now(), q);
    t.emit(new AccountEvent.DealExecuted(deal));
    if (change.after() == null) {
      t.positions.remove(positionId);
      t.emit(new AccountEvent.PositionClosed(change.before(), dealId));
    } else {
      t.positions.put(positionId, change.after());
      t.emit(change.before() == null ? new AccountEvent.PositionOpened(change.after())
        : new AccountEvent.PositionChanged(change.after()));
    }
    t.post(LedgerEntryType.REALIZED_PNL, realized, dealId, positionId, "");
    t.post(LedgerEntryType.COMMISSION, -commission, dealId, positionId, "");
    return deal;
  }
}
