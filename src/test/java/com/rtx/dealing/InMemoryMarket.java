package com.rtx.dealing;

import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.routing.RoutingPolicy;
import com.rtx.core.testkit.Fixtures;

import java.time.Instant;
import java.util.Map;

/**
 * The reference data and quotes of a dealing shard without a database, for the tests and
 * benchmarks of the batch applier and the sequencer: the core test kit's group "std" (USD, 1:100,
 * B-Book, no markup) and instruments, and an EURUSD quote 1.10000 / 1.10010 taken at {@code at}.
 */
final class InMemoryMarket {

  private InMemoryMarket() {
  }

  static DealingRefData refData() {
    return new DealingRefData(Map.of("std", Fixtures.group()), Fixtures.catalog(), Map.of(), RoutingPolicy.none(),
      Map.of());
  }

  /** Quotes fresh for {@code staleMs} after {@code at}. */
  static DealingQuotes eurusd(Instant at, long staleMs) {
    DealingQuotes quotes = new DealingQuotes(staleMs);
    quotes.update(new AggregatedQuote("EURUSD", 110_000, 110_010, "LP1", "LP1", QuoteStatus.OK, 1,
      at.toEpochMilli(), at.toEpochMilli()));
    return quotes;
  }
}
