package com.rtx.core.dealing;

import java.util.HashMap;
import java.util.Map;

/**
 * Skips quote re-valuations that cannot change an account. After an account has been processed
 * for a quote, the guard keeps its {@link QuoteBand}: prices between which nothing can happen to
 * that account state (no stop, trailing stop or order acts, no margin call is raised or cleared, no
 * stop-out runs, no order expires). While every quote the account reads stays inside, processing it
 * again would return the same state with no events, so the shard may leave the
 * {@link Command.ProcessQuote} out.
 *
 * <p>Money safety first: the band is conservative (worst equity against worst margin over every
 * price in it, with the valuation's own arithmetic and rounding), and it is tied to the state
 * instance it was computed for, so any command that changes the account — a fill, a deposit, a
 * modification, a roll-over's swap — retires it without the caller having to say so. Use:
 * <pre>{@code
 * if (guard.mustProcess(state, ctx)) {
 *   Result r = state.apply(new Command.ProcessQuote(symbol), ctx);
 *   if (r instanceof Result.Accepted a) guard.processed(a, ctx);
 * }
 * }</pre>
 * A band is only as good as the state it is checked against: pass the state the command would be
 * applied to (the working state of the batch, or memory's).
 *
 * <p>One per shard, used by its single writer only; not thread-safe.
 */
public final class QuoteGuard {

  private final Map<Long, QuoteBand> bands = new HashMap<>();
  private final int safetyPercent;
  private long skipped;
  private long processed;

  public QuoteGuard() {
    this(BandCalculator.SAFETY_PERCENT);
  }

  /** A guard whose first box tries to spend {@code safetyPercent} % of the slack (tests). */
  QuoteGuard(int safetyPercent) {
    this.safetyPercent = safetyPercent;
  }

  /**
   * Whether {@link Command.ProcessQuote} must run for {@code state} at {@code ctx}: false only when
   * the band computed after its last processing holds for this very state, these quotes, this
   * group and catalog, and this time.
   */
  public boolean mustProcess(AccountState state, DealingContext ctx) {
    QuoteBand band = bands.get(state.accountId());
    if (band != null && band.holds(state, ctx)) {
      skipped++;
      return false;
    }
    processed++;
    return true;
  }

  /**
   * An account was processed for a quote (or changed by any command) at {@code ctx}: keeps the
   * band of the resulting state, or none if the processing reported faults (they must be seen
   * again on the next quote) or the state has no band.
   */
  public void processed(Result.Accepted result, DealingContext ctx) {
    if (!result.faults().isEmpty()) {
      invalidate(result.state().accountId());
      return;
    }
    processed(result.state(), ctx);
  }

  /** Keeps the band of {@code state} at {@code ctx} (or forgets the account's if it has none). */
  public void processed(AccountState state, DealingContext ctx) {
    BandCalculator.compute(state, ctx, safetyPercent).ifPresentOrElse(b -> bands.put(state.accountId(), b),
      () -> bands.remove(state.accountId()));
  }

  /** Forgets the account's band (evicted, reloaded, or changed outside the guard's sight). */
  public void invalidate(long accountId) {
    bands.remove(accountId);
  }

  /** The account's current band, if any (metrics, tests). */
  public QuoteBand band(long accountId) {
    return bands.get(accountId);
  }

  /** Re-valuations left out so far. */
  public long skips() {
    return skipped;
  }

  /** Re-valuations that had to run so far. */
  public long runs() {
    return processed;
  }
}
