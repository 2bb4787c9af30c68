package com.rtx.core.pricing;

import java.util.Objects;

/**
 * Holds back isolated price spikes from one liquidity provider on one symbol until the market
 * confirms the new level.
 *
 * <p>The filter compares mid prices. Let <i>accepted</i> be the mid of the last quote that was
 * let through and {@code J = maxJumpUnits}:
 * <ol>
 *   <li>The first quote (and the first after {@link #reset()}) is {@link Decision#ACCEPT}ed.</li>
 *   <li>A quote whose mid is within {@code J} of <i>accepted</i> ({@code |mid - accepted| <= J}) is
 *       {@code ACCEPT}ed, becomes the new <i>accepted</i> and discards any pending candidate.</li>
 *   <li>A quote that moved more than {@code J} from <i>accepted</i> is {@link Decision#HOLD}: it is
 *       not published. If no candidate is pending, or the quote is more than {@code J} away from
 *       the candidate too, it becomes the candidate level with zero confirmations.</li>
 *   <li>A held quote within {@code J} of the pending candidate counts one confirmation. When
 *       {@code confirmTicks} consecutive confirmations have arrived that quote is
 *       {@link Decision#CONFIRMED}: publish it; it becomes <i>accepted</i> and the candidate is
 *       cleared. The candidate level stays where the first jumping quote put it, so a price
 *       drifting away from it restarts the count instead of confirming a moving target.</li>
 * </ol>
 * With {@code confirmTicks == 0} a jump is confirmed by the jumping quote itself, i.e. the filter
 * only labels jumps. Example with {@code J = 50}, {@code confirmTicks = 2}, mids 1000, 1200, 1210,
 * 1190: ACCEPT, HOLD (candidate 1200), HOLD (1 confirmation), CONFIRMED.
 *
 * <p>Mids are compared as {@code bid + ask} against {@code 2 * J} in unsigned 64-bit arithmetic,
 * so there is neither rounding of odd sums nor overflow for any positive prices.
 *
 * <p>After a legitimate gap (weekend open, LP reconnect) the caller should {@link #reset()} the
 * filter, otherwise the first real prices are held until confirmed. Not thread-safe: one instance
 * per (LP, symbol), used from one thread.
 */
public final class SpikeFilter {

  /** What to do with an offered quote. */
  public enum Decision {
    /** Normal move: publish it. */
    ACCEPT,
    /** Suspicious jump: do not publish (yet). */
    HOLD,
    /** The jump has been confirmed: publish this quote. */
    CONFIRMED
  }

  private final long maxJumpUnits;
  private final int confirmTicks;

  private String lp;
  private String symbol;
  private boolean hasAccepted;
  private long acceptedTwiceMid;
  private boolean hasCandidate;
  private long candidateTwiceMid;
  private int confirmations;

  /**
   * @param maxJumpUnits the largest mid move, in price units, that is accepted without
   *     confirmation; {@code >= 0}
   * @param confirmTicks how many further quotes near a jumped level confirm it; {@code >= 0}
   */
  public SpikeFilter(long maxJumpUnits, int confirmTicks) {
    if (maxJumpUnits < 0) {
      throw new IllegalArgumentException("maxJumpUnits must be >= 0, got " + maxJumpUnits);
    }
    if (confirmTicks < 0) {
      throw new IllegalArgumentException("confirmTicks must be >= 0, got " + confirmTicks);
    }
    this.maxJumpUnits = maxJumpUnits;
    this.confirmTicks = confirmTicks;
  }

  /**
   * A jump limit relative to the price: {@code ceil(midUnits * basisPoints / 10000)}, e.g. 50 bp of
   * EURUSD 1.08124 (108124 units) is 541 units.
   *
   * @throws IllegalArgumentException if {@code midUnits <= 0} or {@code basisPoints < 0}
   * @throws ArithmeticException if the product overflows a {@code long}
   */
  public static long maxJumpUnits(long midUnits, int basisPoints) {
    if (midUnits <= 0) {
      throw new IllegalArgumentException("midUnits must be positive, got " + midUnits);
    }
    if (basisPoints < 0) {
      throw new IllegalArgumentException("basisPoints must be >= 0, got " + basisPoints);
    }
    long product = Math.multiplyExact(midUnits, (long) basisPoints);
    return -Math.floorDiv(-product, 10_000L);
  }

  /**
   * Judges the next quote from this LP for this symbol and updates the filter's state.
   *
   * @param q a quote with positive bid and ask (run {@link QuoteCheck} first), from the same LP
   *     and symbol as every earlier quote offered to this instance
   * @throws IllegalArgumentException if that precondition does not hold
   */
  public Decision offer(LpQuote q) {
    Objects.requireNonNull(q, "q");
    if (q.bid() <= 0 || q.ask() <= 0) {
      throw new IllegalArgumentException("spike filter needs positive prices, run QuoteCheck first: " + q);
    }
    checkSameStream(q);
    long twiceMid = q.bid() + q.ask(); // unsigned: cannot wrap for two positive longs

    if (!hasAccepted || !movedMoreThanLimit(twiceMid, acceptedTwiceMid)) {
      accept(twiceMid);
      return Decision.ACCEPT;
    }
    if (hasCandidate && !movedMoreThanLimit(twiceMid, candidateTwiceMid)) {
      confirmations++;
    } else {
      hasCandidate = true;
      candidateTwiceMid = twiceMid;
      confirmations = 0;
    }
    if (confirmations >= confirmTicks) {
      accept(twiceMid);
      return Decision.CONFIRMED;
    }
    return Decision.HOLD;
  }

  /** Forgets all history: the next quote is accepted unconditionally. */
  public void reset() {
    hasAccepted = false;
    hasCandidate = false;
    confirmations = 0;
  }

  /** Whether a jumped level is waiting for confirmation. */
  public boolean holding() {
    return hasCandidate;
  }

  /** Confirmations counted so far for the pending candidate (0 when none is pending). */
  public int confirmations() {
    return hasCandidate ? confirmations : 0;
  }

  private void accept(long twiceMid) {
    hasAccepted = true;
    acceptedTwiceMid = twiceMid;
    hasCandidate = false;
    confirmations = 0;
  }

  /** {@code |a - b| > 2 * maxJumpUnits}, all values unsigned 64-bit. */
  private boolean movedMoreThanLimit(long twiceMidA, long twiceMidB) {
    long diff = Long.compareUnsigned(twiceMidA, twiceMidB) >= 0 ? twiceMidA - twiceMidB : twiceMidB - twiceMidA;
    long twiceLimit = maxJumpUnits << 1; // maxJumpUnits <= Long.MAX_VALUE, so this fits unsigned
    return Long.compareUnsigned(diff, twiceLimit) > 0;
  }

  private void checkSameStream(LpQuote q) {
    if (lp == null) {
      lp = q.lp();
      symbol = q.symbol();
    } else if (!lp.equals(q.lp()) || !symbol.equals(q.symbol())) {
      throw new IllegalArgumentException(
        "spike filter for " + lp + "/" + symbol + " was offered a quote of " + q.lp() + "/" + q.symbol());
    }
  }
}
