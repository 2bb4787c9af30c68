package com.rtx.platform.config;

import java.util.Set;

/**
 * Dealing shards and their timers.
 *
 * @param shards accounts are split into this many single-writer shards ({@code accountId mod shards})
 * @param maxBatch most commands committed together in one transaction (group commit)
 * @param acquireIntervalMs how often a node tries to acquire shards nobody owns
 * @param lockCheckMs how often the owner checks its lock connection is alive
 * @param timerMs how often order expiry and roll-overs are checked
 * @param summaryMs least time between two account summaries published for one account
 * @param holidays trade dates without a roll-over (no swap charged)
 * @param orderRatePerS most orders (placements and closes) per account per second; 0 = no limit
 * @param lpTimeoutMs A-Book: silence from the LP after which its status is asked for (and the
 *     client answered SENT_TO_LP); three times this marks the order UNKNOWN
 */
public record DealingConfig(int shards, int maxBatch, long acquireIntervalMs, long lockCheckMs, long timerMs,
                            long summaryMs, Set<java.time.LocalDate> holidays, int orderRatePerS, long lpTimeoutMs) {

  static DealingConfig parse(ConfigReader in) {
    return new DealingConfig(in.intValue("dealing.shards", 1, 1024), in.intValue("dealing.max-batch", 1, 10_000),
      in.longValue("dealing.acquire-interval-ms", 1, 600_000), in.longValue("dealing.lock-check-ms", 1, 600_000),
      in.longValue("dealing.timer-ms", 1, 600_000), in.longValue("dealing.summary-ms", 1, 600_000),
      holidays(in), in.intValue("dealing.order-rate-per-s", 0, 1_000_000),
      in.longValue("dealing.lp-timeout-ms", 1, 600_000));
  }

  private static Set<java.time.LocalDate> holidays(ConfigReader in) {
    Set<java.time.LocalDate> dates = new java.util.TreeSet<>();
    for (String day : in.list("dealing.holidays")) {
      try {
        dates.add(java.time.LocalDate.parse(day));
      } catch (java.time.format.DateTimeParseException e) {
        in.problem("dealing.holidays", "'" + day + "' is not a date (YYYY-MM-DD)");
      }
    }
    return Set.copyOf(dates);
  }
}
