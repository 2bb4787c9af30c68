package com.rtx.core.swap;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One daily roll-over: the end of the trading day {@code tradeDate} (in the schedule's zone) at
 * instant {@code at}. Positions open at {@code at} are charged swap for it.
 *
 * @param tradeDate the trading day that ends, e.g. Wednesday 2025-01-15
 * @param at when it happens, e.g. 2025-01-15T22:00:00Z (17:00 New York, winter time)
 */
public record Rollover(LocalDate tradeDate, Instant at) {

  public Rollover {
    Objects.requireNonNull(tradeDate, "tradeDate");
    Objects.requireNonNull(at, "at");
  }

  /**
   * Days of financing this roll-over charges for an instrument whose triple-swap day is
   * {@code tripleSwapDay}: 3 on that weekday (the spot value date jumps over the weekend), else 1.
   * With Monday..Friday roll-overs that makes 7 days a week.
   */
  public int swapDays(DayOfWeek tripleSwapDay) {
    return tradeDate.getDayOfWeek() == tripleSwapDay ? 3 : 1;
  }
}
