package com.rtx.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs with real time from an offset the test can move forward, so behaviour that
 * depends on period boundaries (bars, sessions) is reached without waiting for the wall clock.
 */
public final class MutableClock extends Clock {

  private final AtomicLong offsetMillis = new AtomicLong();

  /** Moves this clock forward so that it now reads {@code epochMillis} (never backwards). */
  public void advanceTo(long epochMillis) {
    offsetMillis.accumulateAndGet(epochMillis - System.currentTimeMillis(), Math::max);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis.get();
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
