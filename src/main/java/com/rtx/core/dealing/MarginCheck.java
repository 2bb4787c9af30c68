package com.rtx.core.dealing;

import com.rtx.core.commission.CommissionCalculator;
import com.rtx.core.margin.AccountValuation;
import com.rtx.core.margin.MarginCalculator;
import com.rtx.core.margin.PnlCalculator;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Money;
import com.rtx.core.money.Rounding;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pre-trade margin check of a fill: would the account have enough free margin afterwards?
 *
 * <p>The fill is previewed on a copy of the positions. After it,
 * {@code equity' = balance + credit + realized − commission + floating P&L of the positions after}
 * (so a new position's spread already counts against it) and {@code margin'} is the account
 * margin of the positions after. The fill is refused when it <em>increases</em> the margin and
 * leaves {@code equity' − margin' < 0}. A fill that does not increase the margin (a reduction, or
 * a hedge under the larger-leg policy) is never refused for margin: refusing it would keep the
 * client in more risk.
 *
 * <p>When the fill fails only because of the group's leverage cap for the asset class (it would
 * pass at the account's own leverage), the reason is
 * {@link RejectReason#INSUFFICIENT_MARGIN_LEVERAGE_CAP}, so the client learns why.
 */
final class MarginCheck {

  private MarginCheck() {
  }

  static Optional<Rejection> check(AccountTxn t, Order order, long price) {
    SymbolTerms terms = t.ctx.symbols().get(order.symbol());
    // A hypothetical new position gets an id no real position has.
    PositionChange change = Booking.preview(t, order, price, () -> Long.MAX_VALUE);
    TreeMap<Long, Position> after = new TreeMap<>();
    t.marginPositions().forEach(p -> after.put(p.id(), p));
    if (change.before() != null) {
      after.remove(change.before().id());
    }
    if (change.after() != null) {
      after.put(change.after().id(), change.after());
    }
    List<Position> afterList = new ArrayList<>(after.values());
    long realized = change.closedVolume() == 0 ? 0
      : PnlCalculator.profit(terms, change.before().side(), change.closedVolume(), change.before().openPrice(), price,
        t.currency(), t.converter(), Rounding.Purpose.REALIZED_PNL);
    long commission = CommissionCalculator.commission(t.ctx.group().commission(), terms, order.volume(), price,
      t.currency(), t.converter());

    MarginCalculator capped = t.margins(true);
    long marginBefore = capped.accountMargin(t.marginPositions());
    long marginAfter = capped.accountMargin(afterList);
    if (marginAfter <= marginBefore) {
      return Optional.empty();
    }
    AccountValuation valuation = t.valuation();
    long floatingAfter = 0;
    for (Position p : afterList) {
      floatingAfter = Math.addExact(floatingAfter, valuation.floatingPnl(p));
    }
    long equityAfter = Math.addExact(Math.addExact(t.balance, t.credit),
      Math.addExact(Math.subtractExact(realized, commission), floatingAfter));
    long freeAfter = Math.subtractExact(equityAfter, marginAfter);
    if (freeAfter >= 0) {
      return Optional.empty();
    }
    long uncappedAfter = capped.withoutLeverageCaps().accountMargin(afterList);
    String detail = "equity after " + money(t, equityAfter) + ", margin after " + money(t, marginAfter)
      + ", free margin after " + money(t, freeAfter);
    if (equityAfter - uncappedAfter >= 0) {
      return Optional.of(new Rejection(RejectReason.INSUFFICIENT_MARGIN_LEVERAGE_CAP,
        detail + "; without the " + terms.instrument().assetClass() + " leverage cap the margin would be "
          + money(t, uncappedAfter)));
    }
    return Optional.of(new Rejection(RejectReason.INSUFFICIENT_MARGIN, detail));
  }

  private static String money(AccountTxn t, long minor) {
    return new Money(t.currency(), minor).toString();
  }
}
