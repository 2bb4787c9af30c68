package com.rtx.core.bars;

import java.time.Duration;

/**
 * Bar periods. Every length divides a UTC day, so periods align to UTC boundaries counted from the
 * epoch: H4 bars open at 00:00, 04:00, ... 20:00 UTC and D1 bars at 00:00 UTC (not at the 22:00
 * UTC "New York close" some platforms use).
 */
public enum Timeframe {
  M1(Duration.ofMinutes(1)),
  M5(Duration.ofMinutes(5)),
  M15(Duration.ofMinutes(15)),
  H1(Duration.ofHours(1)),
  H4(Duration.ofHours(4)),
  D1(Duration.ofDays(1));

  private final Duration length;
  private final long lengthMillis;

  Timeframe(Duration length) {
    this.length = length;
    this.lengthMillis = length.toMillis();
  }

  public Duration length() {
    return length;
  }

  public long lengthMillis() {
    return lengthMillis;
  }

  /** Start of the period containing {@code epochMillis} (floor, also correct before 1970). */
  public long openTime(long epochMillis) {
    return Math.floorDiv(epochMillis, lengthMillis) * lengthMillis;
  }

  /** End (exclusive) of the period containing {@code epochMillis}. */
  public long closeTime(long epochMillis) {
    return openTime(epochMillis) + lengthMillis;
  }
}
