package com.rtx.core.dealing;

import com.rtx.core.account.Group;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.AccountValuation;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.trading.Deal;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.QuoteRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Margin call, stop-out and negative-balance protection, run after every quote and roll-over.
 *
 * <p><b>Stop-out.</b> While the margin level is at or below the group's stop-out level (exact
 * comparison, {@link MarginSnapshot#isAtOrBelow}), close the closable position with the most
 * negative floating P&amp;L ("largest losing position first"; ties: older position first) in
 * full, and value the account again. Stops when the level is above the stop-out level, or no
 * position is open, or no open position has a dealable quote (a closed market cannot be dealt on;
 * the next quote of that symbol runs the stop-out again). Each step is recorded with the margin
 * snapshot before and after it.
 *
 * <p><b>Negative-balance protection</b> (group option; ESMA retail rule): if the stop-out leaves
 * no position open and a negative balance, a NEGATIVE_BALANCE_RESET entry brings the balance to
 * exactly zero, and the stop-out evidence records it. The same applies when the last position is
 * closed by a stop loss that gapped through the balance, or by the client. Credit is left as it
 * is (removing a bonus is a dealer's CREDIT entry).
 *
 * <p><b>Margin call.</b> Raised once when the level falls to or below the margin-call level,
 * cleared once when it is above it again.
 */
final class MarginControl {

  private MarginControl() {
  }

  static void run(AccountTxn t) {
    Group group = t.ctx.group();
    if (t.positions.isEmpty() && !t.marginCallActive && t.balance >= 0) {
      return; // nothing at risk: skip the valuation (most accounts on most quotes)
    }
    MarginSnapshot s = t.snapshot();
    if (s.isAtOrBelow(group.stopOutLevel())) {
      stopOut(t, s);
      s = t.snapshot();
    } else if (protectNegativeBalance(t, "negative balance protection after close") != 0) {
      s = t.snapshot(); // a stop loss gapped through the whole balance
    }
    if (s.isAtOrBelow(group.marginCallLevel())) {
      if (!t.marginCallActive) {
        t.marginCallActive = true;
        t.emit(new AccountEvent.MarginCallRaised(s));
      }
    } else if (t.marginCallActive) {
      t.marginCallActive = false;
      t.emit(new AccountEvent.MarginCallCleared(s));
    }
  }

  private static void stopOut(AccountTxn t, MarginSnapshot initial) {
    Group group = t.ctx.group();
    List<QuoteRef> evidence = quotesUsed(t);
    List<StopOutEvidence.Step> steps = new ArrayList<>();
    Set<Long> failed = new HashSet<>();
    MarginSnapshot before = initial;
    while (before.isAtOrBelow(group.stopOutLevel())) {
      Optional<Candidate> worst = largestLoser(t, failed);
      if (worst.isEmpty()) {
        break;
      }
      Position p = worst.get().position();
      Deal[] deal = new Deal[1];
      // A position that cannot be closed is skipped (and reported), never a reason to stop closing the others.
      if (!t.isolated(ProcessingFault.Stage.STOP_OUT_CLOSE, p.id(), () -> deal[0] = Booking.close(t, p, p.volume(),
        t.ctx.quotes().get(p.symbol()), DealReason.STOP_OUT, null))) {
        failed.add(p.id());
        continue;
      }
      MarginSnapshot after = t.snapshot();
      steps.add(new StopOutEvidence.Step(p.id(), deal[0].id(), worst.get().floatingPnl(), before, after));
      before = after;
    }
    long reset = protectNegativeBalance(t, "negative balance protection after stop-out");
    MarginSnapshot fin = reset == 0 ? before : t.snapshot();
    t.emit(new AccountEvent.StopOutExecuted(new StopOutEvidence(t.accountId(), t.now(), group.name(), group.version(),
      group.stopOutLevel(), evidence, initial, steps, fin, reset)));
  }

  /**
   * Negative-balance protection: when the group has it, no position is open and the balance is
   * negative, posts a NEGATIVE_BALANCE_RESET entry that brings the balance to exactly zero.
   *
   * @return the amount credited, 0 if none
   */
  static long protectNegativeBalance(AccountTxn t, String comment) {
    if (!t.ctx.group().negativeBalanceProtection() || !t.positions.isEmpty() || t.balance >= 0) {
      return 0;
    }
    long reset = -t.balance;
    t.post(LedgerEntryType.NEGATIVE_BALANCE_RESET, reset, 0, 0, comment);
    return reset;
  }

  private record Candidate(Position position, long floatingPnl) {
  }

  private static Optional<Candidate> largestLoser(AccountTxn t, Set<Long> skip) {
    AccountValuation valuation = t.valuation();
    return t.positions.values().stream()
      .filter(p -> !skip.contains(p.id()) && dealable(t, p.symbol()).isPresent())
      .map(p -> new Candidate(p, valuation.floatingPnl(p)))
      .min(Comparator.comparingLong(Candidate::floatingPnl)
        .thenComparing(c -> c.position().openedAt())
        .thenComparingLong(c -> c.position().id()));
  }

  /** The quotes valuing the account: its positions' symbols and the conversion pairs they need. */
  private static List<QuoteRef> quotesUsed(AccountTxn t) {
    CurrencyConverter converter = t.converter();
    TreeSet<String> symbols = new TreeSet<>();
    for (Position p : t.positions.values()) {
      SymbolTerms terms = t.ctx.symbols().get(p.symbol());
      symbols.add(p.symbol());
      symbols.addAll(converter.symbolsUsed(terms.instrument().quoteCurrency(), t.currency()));
      symbols.addAll(converter.symbolsUsed(t.margins(true).conversionNeed(terms).from(), t.currency()));
    }
    List<QuoteRef> refs = new ArrayList<>();
    for (String symbol : symbols) {
      t.ctx.quotes().find(symbol).map(QuoteRef::of).ifPresent(refs::add);
    }
    return refs;
  }

  /** The quote of {@code symbol} if it can be dealt on. */
  private static Optional<AggregatedQuote> dealable(AccountTxn t, String symbol) {
    return t.ctx.quotes().find(symbol).filter(q -> q.status() == QuoteStatus.OK);
  }
}
