package com.rtx.core.bars;

import java.util.Objects;

/**
 * One OHLC bar of bid and ask prices (scaled units of the symbol's digits) for one period.
 *
 * @param symbol the symbol
 * @param timeframe the period length
 * @param openTimeMillis start of the period, aligned to {@code timeframe}
 * @param tickVolume number of ticks in the bar
 */
public record Bar(
  String symbol,
  Timeframe timeframe,
  long openTimeMillis,
  long bidOpen,
  long bidHigh,
  long bidLow,
  long bidClose,
  long askOpen,
  long askHigh,
  long askLow,
  long askClose,
  long tickVolume) {

  public Bar {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(timeframe, "timeframe");
    if (timeframe.openTime(openTimeMillis) != openTimeMillis) {
      throw new IllegalArgumentException(
        "bar open time " + openTimeMillis + " is not aligned to " + timeframe + " for " + symbol);
    }
    checkOhlc("bid", bidOpen, bidHigh, bidLow, bidClose);
    checkOhlc("ask", askOpen, askHigh, askLow, askClose);
    if (tickVolume < 0) {
      throw new IllegalArgumentException("tickVolume must be >= 0, got " + tickVolume);
    }
  }

  /** End (exclusive) of the bar's period. */
  public long closeTimeMillis() {
    return openTimeMillis + timeframe.lengthMillis();
  }

  private static void checkOhlc(String side, long open, long high, long low, long close) {
    if (low > high || open < low || open > high || close < low || close > high) {
      throw new IllegalArgumentException(
        side + " OHLC inconsistent: open " + open + " high " + high + " low " + low + " close " + close);
    }
  }
}
