package com.rtx.core.dealing;

import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.EquitySnapshot;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.swap.Rollover;
import com.rtx.core.swap.SwapCalculator;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Command.ApplyRollover}: one daily roll-over of one account.
 * <ol>
 *   <li>Expire due DAY/GTD orders (DAY orders expire at this roll-over).</li>
 *   <li>Unless the group is swap-free, charge or pay each position opened before the roll-over
 *       instant its swap ({@link SwapCalculator}; tripled on the instrument's triple-swap day) as
 *       a SWAP ledger entry, and add it to the position's accrued swap. Swap is settled into the
 *       balance daily rather than held on the position until it closes: equity is the same either
 *       way, and the ledger stays the single record of every charge.</li>
 *   <li>Take the daily equity snapshot (after swaps).</li>
 *   <li>Run margin control: a swap can push an account into stop-out.</li>
 * </ol>
 * The caller runs each due roll-over once (see {@link com.rtx.core.swap.RolloverSchedule}) with
 * the context's time at or after the roll-over instant.
 */
final class RolloverProcessing {

  private RolloverProcessing() {
  }

  static Result apply(AccountTxn t, Command.ApplyRollover c) {
    Rollover rollover = c.rollover();
    if (t.now().isBefore(rollover.at())) {
      throw new IllegalArgumentException("roll-over " + rollover + " applied before it is due, at " + t.now());
    }
    OrderMaintenance.expireDue(t);
    if (!t.ctx.group().swapFree()) {
      List<Position> eligible = new ArrayList<>();
      for (Position p : t.positions.values()) {
        if (p.openedAt().isBefore(rollover.at())) {
          eligible.add(p);
        }
      }
      for (Position p : eligible) {
        charge(t, p, rollover);
      }
    }
    t.emit(new AccountEvent.EquitySnapshotTaken(new EquitySnapshot(t.accountId(), rollover.tradeDate(), rollover.at(),
      t.snapshot())));
    MarginControl.run(t);
    return t.commit();
  }

  private static void charge(AccountTxn t, Position p, Rollover rollover) {
    SymbolTerms terms = t.ctx.symbols().get(p.symbol());
    int days = rollover.swapDays(terms.instrument().tripleSwapDay());
    long swap = SwapCalculator.swap(terms, p.side() == Side.BUY, p.volume(), days, t.currency(), t.converter());
    if (swap == 0) {
      return;
    }
    Position charged = p.withSwapAdded(swap);
    t.positions.put(p.id(), charged);
    t.emit(new AccountEvent.PositionChanged(charged));
    t.post(LedgerEntryType.SWAP, swap, 0, p.id(), "roll-over " + rollover.tradeDate() + " x" + days);
  }
}
