package com.rtx.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tests' one manual clock: it reads whatever the test moved it to, never backwards. Two kinds,
 * because they answer different needs:
 * <ul>
 *   <li>{@link #MutableClock() running}: real time plus an offset the test moves forward, for an
 *   engine under test, whose timers, heartbeats and timeouts need time to pass on their own while
 *   the test jumps to period boundaries (a Wednesday noon, a token's expiry) without waiting;</li>
 *   <li>{@link #frozenAt(Instant) frozen}: stands still until the test moves it, for exact instants
 *   (token lifetimes in unit tests) and for an engine whose behaviour per clock second is asserted
 *   (a rate limit), where a running clock could cross the second between two requests.</li>
 * </ul>
 */
public final class MutableClock extends Clock {

  private final boolean running;
  /** What {@link #millis()} adds to the wall clock (running) or is (frozen). */
  private final AtomicLong offsetMillis;

  /** A running clock, at real time until the test moves it. */
  public MutableClock() {
    this(true, 0);
  }

  private MutableClock(boolean running, long offsetMillis) {
    this.running = running;
    this.offsetMillis = new AtomicLong(offsetMillis);
  }

  /** A clock that reads {@code start} until the test moves it. */
  public static MutableClock frozenAt(Instant start) {
    return new MutableClock(false, start.toEpochMilli());
  }

  /** Moves this clock forward so that it now reads {@code epochMillis} (never backwards). */
  public void advanceTo(long epochMillis) {
    offsetMillis.accumulateAndGet(epochMillis - wall(), Math::max);
  }

  @Override
  public long millis() {
    return wall() + offsetMillis.get();
  }

  private long wall() {
    return running ? System.currentTimeMillis() : 0;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
