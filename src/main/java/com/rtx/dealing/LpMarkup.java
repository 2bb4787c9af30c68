package com.rtx.dealing;

import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.margin.PnlCalculator;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;
import com.rtx.core.trading.Deal;

import java.util.List;

/**
 * The broker's revenue on an A-Book fill: the client dealt at the LP's price plus the group's
 * markup, so the broker earns the difference — the P&amp;L of a position on the client's side and
 * volume opened at the LP's price and closed at the client's (a BUY filled above the LP's price,
 * a SELL below it: positive either way), in the account currency, converted as any realized
 * P&amp;L. Recorded on the deal for the reports' A-Book revenue.
 */
final class LpMarkup {

  private LpMarkup() {
  }

  static void record(Command.ApplyExecution fill, List<AccountEvent> events, DealingContext ctx, String currency,
                     ShardWrites writes) {
    for (AccountEvent e : events) {
      if (e instanceof AccountEvent.DealExecuted executed) {
        Deal deal = executed.deal();
        SymbolTerms terms = ctx.symbols().get(deal.symbol());
        try {
          writes.lpMarkup(deal.id(), PnlCalculator.profit(terms, deal.side(), deal.volume(),
            terms.price(fill.lpPrice()), deal.price(), currency, new CurrencyConverter(ctx.symbols(), ctx.quotes()),
            Rounding.Purpose.REALIZED_PNL));
        } catch (IllegalStateException noRate) {
          // No rate to convert it at this instant: the deal stays without a markup figure (reports show 0).
        }
      }
    }
  }
}
