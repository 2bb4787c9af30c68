package com.rtx.platform.config;


/** Pricing filters and timers (business settings such as markups live in the database). */
public record PricingConfig(long staleMs, long staleCheckMs, int spikeMaxJumpBps, int spikeConfirmTicks,
                            int fixHeartbeatS, int fixReconnectS, boolean tickArchive, int tickRetentionDays,
                            long barFlushMs, long leadIntervalMs) {

  static PricingConfig parse(ConfigReader in) {
    return new PricingConfig(in.longValue("pricing.stale-ms", 1, 3_600_000), in.longValue("pricing.stale-check-ms", 1, 60_000),
      in.intValue("pricing.spike-max-jump-bps", 1, 100_000), in.intValue("pricing.spike-confirm-ticks", 1, 1000),
      in.intValue("pricing.fix-heartbeat-s", 1, 300), in.intValue("pricing.fix-reconnect-s", 1, 300),
      in.bool("pricing.tick-archive"), in.intValue("pricing.tick-retention-days", 1, 3650),
      in.longValue("pricing.bar-flush-ms", 1, 60_000), in.longValue("pricing.lead-interval-ms", 10, 600_000));
  }
}
