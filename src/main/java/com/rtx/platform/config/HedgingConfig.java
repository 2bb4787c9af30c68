package com.rtx.platform.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The hedger and the toxicity monitor (both run by the dealing role, one leader in the cluster).
 *
 * @param houseAccount the account that holds the hedges (created by migration 0020 as account 1)
 * @param checkMs how often the leader compares exposure with the limits
 * @param snapshotMs how often the exposure is written to {@code exposure_snapshot}
 * @param horizonsMs the three markout horizons after a client deal (default +1 s, +5 s, +60 s)
 * @param toxicityRecomputeMs how often every account's toxicity score is recomputed
 * @param shortHoldMs a winning trade held less than this counts as short-held
 * @param toxicityWindowDays deals older than this no longer count towards the score
 */
public record HedgingConfig(long houseAccount, long checkMs, long snapshotMs, List<Long> horizonsMs,
                            long toxicityRecomputeMs, long shortHoldMs, int toxicityWindowDays) {

  static HedgingConfig parse(ConfigReader in) {
    List<Long> horizons = new ArrayList<>();
    for (String item : in.list("toxicity.horizons-ms")) {
      try {
        long ms = Long.parseLong(item);
        if (ms < 1 || ms > 3_600_000) {
          in.problem("toxicity.horizons-ms", "each horizon must be 1..3600000 ms, got " + ms);
        }
        horizons.add(ms);
      } catch (NumberFormatException e) {
        in.problem("toxicity.horizons-ms", "'" + item + "' is not a number of milliseconds");
      }
    }
    if (horizons.size() != 3 || !(horizons.get(0) < horizons.get(1) && horizons.get(1) < horizons.get(2))) {
      in.problem("toxicity.horizons-ms", "must be three increasing horizons, got " + horizons);
    }
    return new HedgingConfig(in.longValue("hedging.house-account", 1, Long.MAX_VALUE),
      in.longValue("hedging.check-ms", 1, 600_000), in.longValue("hedging.snapshot-ms", 1, 86_400_000),
      List.copyOf(horizons), in.longValue("toxicity.recompute-ms", 1, 86_400_000),
      in.longValue("toxicity.short-hold-ms", 1, 86_400_000), in.intValue("toxicity.window-days", 1, 3650));
  }
}
