package com.rtx.platform.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The router role: LP trade sessions, their leadership and the delivery of execution reports.
 *
 * @param acquireIntervalMs how often a node tries to take the LPs nobody holds
 * @param lockCheckMs       how often the holder checks its lock connection is alive
 * @param fixHeartbeatS     HeartBtInt of trade sessions whose LP row sets none
 * @param reconnectS        QuickFIX/J reconnect back-off in seconds, the last one repeated
 * @param reportTimeoutMs   how long a shard has to answer one execution report before it is sent again
 * @param reportRetryMaxMs  longest pause between two attempts at one report (doubling from 100 ms)
 * @param statusPublishMs   how often LP trade-session states are re-published
 * @param reconcileIntervalMs   {@code router.reconcile-interval-ms}: how often the house position at each LP held
 *                              here is reconciled with the platform's record (also after every logon)
 * @param reconcileTimeoutMs    {@code router.reconcile-timeout-ms}: how long an LP has to answer a
 *                              RequestForPositions completely before the run is NO_ANSWER
 * @param reconcileRepairMaxLots {@code router.reconcile-repair-max-lots}: the largest difference (lots) repaired
 *                              automatically with an IOC order; 0 repairs nothing (alert only)
 */
public record RouterConfig(long acquireIntervalMs, long lockCheckMs, int fixHeartbeatS, List<Integer> reconnectS,
                           long reportTimeoutMs, long reportRetryMaxMs, long statusPublishMs, long reconcileIntervalMs,
                           long reconcileTimeoutMs, BigDecimal reconcileRepairMaxLots) {

  static RouterConfig parse(ConfigReader in) {
    return new RouterConfig(in.longValue("router.acquire-interval-ms", 1, 600_000), in.longValue("router.lock-check-ms", 1, 600_000),
      in.intValue("router.fix-heartbeat-s", 1, 300), reconnectSeconds(in),
      in.longValue("router.report-timeout-ms", 1, 600_000), in.longValue("router.report-retry-max-ms", 1, 600_000),
      in.longValue("router.status-publish-ms", 1, 600_000), in.longValue("router.reconcile-interval-ms", 1, 86_400_000),
      in.longValue("router.reconcile-timeout-ms", 1, 600_000), repairMaxLots(in));
  }

  /** A decimal of lots, 0..1000 with at most two decimals (the platform's volume step); never through a double. */
  private static BigDecimal repairMaxLots(ConfigReader in) {
    String key = "router.reconcile-repair-max-lots";
    String text = in.optionalString(key);
    if (text == null) {
      return BigDecimal.ZERO;
    }
    if (!text.matches("\\d{1,4}(\\.\\d{1,2})?") || new BigDecimal(text).compareTo(BigDecimal.valueOf(1000)) > 0) {
      in.problem(key, "must be lots between 0 and 1000 with at most two decimals, got '" + text + "'");
      return BigDecimal.ZERO;
    }
    return new BigDecimal(text);
  }

  private static List<Integer> reconnectSeconds(ConfigReader in) {
    List<Integer> seconds = new ArrayList<>();
    for (String item : in.list("router.reconnect-s")) {
      try {
        int value = Integer.parseInt(item);
        if (value < 1 || value > 3600) {
          throw new NumberFormatException("out of range");
        }
        seconds.add(value);
      } catch (NumberFormatException e) {
        in.problem("router.reconnect-s", "must be a list of seconds 1..3600, got '" + item + "'");
      }
    }
    if (seconds.isEmpty()) {
      in.problem("router.reconnect-s", "must name at least one interval");
    }
    return List.copyOf(seconds);
  }
}
