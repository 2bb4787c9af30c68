package com.rtx.platform.config;

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
 */
public record RouterConfig(long acquireIntervalMs, long lockCheckMs, int fixHeartbeatS, List<Integer> reconnectS,
                           long reportTimeoutMs, long reportRetryMaxMs, long statusPublishMs) {

  static RouterConfig parse(ConfigReader in) {
    return new RouterConfig(in.longValue("router.acquire-interval-ms", 1, 600_000), in.longValue("router.lock-check-ms", 1, 600_000),
      in.intValue("router.fix-heartbeat-s", 1, 300), reconnectSeconds(in),
      in.longValue("router.report-timeout-ms", 1, 600_000), in.longValue("router.report-retry-max-ms", 1, 600_000),
      in.longValue("router.status-publish-ms", 1, 600_000));
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
