package com.rtx.gateway;

/**
 * At most one account summary per {@code intervalMs} for one account: decides whether a summary
 * that just arrived goes out now or after a delay (the newest one then replaces any summary still
 * waiting). Dealing already throttles at source ({@code dealing.summary-ms}); this keeps the
 * client-facing promise (4 per second) even when dealing is configured faster or several
 * publishers' summaries bunch up on the bus. Pure: the caller passes the time in.
 *
 * <p>Not thread-safe: used on one gateway instance's event loop.
 */
final class SummaryThrottle {

  /** {@link #offer} answer: a flush is already scheduled; the newer summary just replaces the waiting one. */
  static final long ALREADY_SCHEDULED = -1;

  private final long intervalMs;
  private long lastSentAt;
  private boolean sentOnce;
  private boolean scheduled;

  SummaryThrottle(long intervalMs) {
    if (intervalMs <= 0) {
      throw new IllegalArgumentException("intervalMs must be positive: " + intervalMs);
    }
    this.intervalMs = intervalMs;
  }

  /**
   * A summary arrived at {@code now}: 0 means send it now (recorded as sent), a positive value
   * means schedule {@link #flushed} after that many ms, {@link #ALREADY_SCHEDULED} means wait for
   * the flush already scheduled.
   */
  long offer(long now) {
    if (scheduled) {
      return ALREADY_SCHEDULED;
    }
    long wait = sentOnce ? lastSentAt + intervalMs - now : 0;
    if (wait <= 0) {
      sent(now);
      return 0;
    }
    scheduled = true;
    // Capped so that a clock stepping backwards cannot park a summary for longer than one interval.
    return Math.min(wait, intervalMs);
  }

  /** The scheduled flush ran at {@code now}. */
  void flushed(long now) {
    scheduled = false;
    sent(now);
  }

  private void sent(long now) {
    sentOnce = true;
    lastSentAt = now;
  }
}
