package com.rtx.dealing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code rtx_dealing_quote_revaluations_total{outcome="skipped|run"}}: how many account
 * re-valuations on a quote the shards' {@code QuoteGuard}s left out (every price the account reads
 * inside its band) and how many ran. The skip ratio says whether the bands earn their keep; a
 * sudden fall of it under a calm market says they are too narrow. Counts are taken from each shard
 * as deltas on the dealing timer, so a shard that moves to another node neither loses nor repeats
 * what was counted here.
 */
final class QuoteRevaluationMetrics {

  private final Counter skipped;
  private final Counter ran;
  private final Map<DealingShard, long[]> seen = new IdentityHashMap<>();

  QuoteRevaluationMetrics(MeterRegistry registry) {
    this.skipped = Counter.builder("rtx_dealing_quote_revaluations").tag("outcome", "skipped")
      .description("Account re-valuations on a quote left out by the shard's quote guard").register(registry);
    this.ran = Counter.builder("rtx_dealing_quote_revaluations").tag("outcome", "run")
      .description("Account re-valuations on a quote that ran").register(registry);
  }

  /** Adds what each owned shard counted since the last call; shards no longer owned are forgotten. */
  void update(Collection<DealingShard> shards) {
    seen.keySet().retainAll(shards);
    for (DealingShard shard : shards) {
      long[] now = shard.quoteRevaluations();
      long[] before = seen.getOrDefault(shard, new long[2]);
      skipped.increment(now[0] - before[0]);
      ran.increment(now[1] - before[1]);
      seen.put(shard, now);
    }
  }
}
