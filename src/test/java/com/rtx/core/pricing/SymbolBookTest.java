package com.rtx.core.pricing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolBookTest {

  private static final long NOW = 1_700_000_010_000L;
  private static final long STALE_MS = 5_000L;

  private final SymbolBook book = new SymbolBook("EURUSD");

  /** A quote received {@code ageMs} before NOW; the LP stamped it 3 ms earlier still. */
  private static LpQuote quote(String lp, long bid, long ask, long ageMs) {
    return new LpQuote(lp, "EURUSD", bid, ask, NOW - ageMs - 3, NOW - ageMs);
  }

  private AggregatedQuote aggregateNow(long sequence) {
    return book.aggregate(NOW, STALE_MS, true, sequence).orElseThrow();
  }

  @Test
  void bestBidAndAskComeFromDifferentLps() {
    book.update(quote("LP1", 108123, 108127, 100));
    book.update(quote("LP2", 108121, 108125, 200));
    book.update(quote("LP3", 108120, 108128, 300));

    AggregatedQuote q = aggregateNow(7);

    assertThat(q.bid()).isEqualTo(108123L);
    assertThat(q.bidLp()).isEqualTo("LP1");
    assertThat(q.ask()).isEqualTo(108125L);
    assertThat(q.askLp()).isEqualTo("LP2");
    assertThat(q.status()).isEqualTo(QuoteStatus.OK);
    assertThat(q.sequence()).isEqualTo(7L);
    assertThat(q.engineTimeMillis()).isEqualTo(NOW);
    assertThat(q.symbol()).isEqualTo("EURUSD");
  }

  @Test
  void lpTimeIsTheNewerOfTheTwoSides() {
    book.update(quote("LP1", 108123, 108127, 100)); // lp time NOW - 103
    book.update(quote("LP2", 108121, 108125, 200)); // lp time NOW - 203

    assertThat(aggregateNow(1).lpTimeMillis()).isEqualTo(NOW - 103);
  }

  @Test
  void onEqualPricesTheEarlierReceivedQuoteWins() {
    book.update(quote("LP1", 108123, 108126, 100));
    book.update(quote("LP2", 108123, 108126, 900));

    AggregatedQuote q = aggregateNow(1);

    assertThat(q.bidLp()).isEqualTo("LP2");
    assertThat(q.askLp()).isEqualTo("LP2");
  }

  @Test
  void onEqualPricesAndTimesTheLpNameDecides() {
    book.update(quote("LPB", 108123, 108126, 100));
    book.update(quote("LPA", 108123, 108126, 100));

    AggregatedQuote q = aggregateNow(1);

    assertThat(q.bidLp()).isEqualTo("LPA");
    assertThat(q.askLp()).isEqualTo("LPA");
  }

  @Test
  void staleQuotesAreLeftOutOfTheAggregate() {
    book.update(quote("LP1", 108130, 108131, 5_001)); // better on both sides, but stale
    book.update(quote("LP2", 108121, 108125, 5_000)); // exactly at the limit: still fresh

    AggregatedQuote q = aggregateNow(1);

    assertThat(q.bid()).isEqualTo(108121L);
    assertThat(q.ask()).isEqualTo(108125L);
    assertThat(q.bidLp()).isEqualTo("LP2");
    assertThat(book.staleLps(NOW, STALE_MS)).containsExactly("LP1");
  }

  @Test
  void staleLpsAreListedByName() {
    book.update(quote("LPC", 108121, 108125, 9_000));
    book.update(quote("LPA", 108121, 108125, 6_000));
    book.update(quote("LPB", 108121, 108125, 10));

    assertThat(book.staleLps(NOW, STALE_MS)).containsExactly("LPA", "LPC");
  }

  @Test
  void withoutFreshQuotesTheLastAggregatedPricesArePublishedAsStale() {
    book.update(quote("LP1", 108123, 108127, 100));
    book.update(quote("LP2", 108121, 108125, 100));
    AggregatedQuote lastFresh = aggregateNow(1);
    long later = NOW + 60_000;

    AggregatedQuote stale = book.aggregate(later, STALE_MS, true, 2).orElseThrow();

    assertThat(stale.status()).isEqualTo(QuoteStatus.STALE);
    assertThat(stale.bid()).isEqualTo(108123L);
    assertThat(stale.ask()).isEqualTo(108125L);
    assertThat(stale.bidLp()).isEqualTo("LP1");
    assertThat(stale.askLp()).isEqualTo("LP2");
    assertThat(stale.lpTimeMillis()).isEqualTo(lastFresh.lpTimeMillis());
    assertThat(stale.sequence()).isEqualTo(2L);
    assertThat(stale.engineTimeMillis()).isEqualTo(later);
  }

  @Test
  void staleKeepsTheLastPublishedPricesNotOlderBetterOnes() {
    book.update(quote("LP1", 108124, 108126, 4_000)); // better bid, goes stale first
    book.update(quote("LP2", 108121, 108125, 10));
    assertThat(aggregateNow(1).bid()).isEqualTo(108124L);
    AggregatedQuote onlyLp2 = book.aggregate(NOW + 2_000, STALE_MS, true, 2).orElseThrow();
    assertThat(onlyLp2.bidLp()).isEqualTo("LP2");

    AggregatedQuote stale = book.aggregate(NOW + 10_000, STALE_MS, true, 3).orElseThrow();

    assertThat(stale.status()).isEqualTo(QuoteStatus.STALE);
    assertThat(stale.bid()).isEqualTo(108121L);
    assertThat(stale.ask()).isEqualTo(108125L);
  }

  @Test
  void quotesThatWereNeverFreshAreStillUsedAsLastKnownPrices() {
    book.update(quote("LP1", 108123, 108127, 60_000));
    book.update(quote("LP2", 108121, 108125, 70_000));

    AggregatedQuote q = aggregateNow(1);

    assertThat(q.status()).isEqualTo(QuoteStatus.STALE);
    assertThat(q.bid()).isEqualTo(108123L);
    assertThat(q.ask()).isEqualTo(108125L);
  }

  @Test
  void aBookThatNeverHadAQuoteHasNoPrice() {
    assertThat(book.aggregate(NOW, STALE_MS, true, 1)).isEmpty();
  }

  @Test
  void outsideTheSessionPricesAreCarriedWithStatusClosed() {
    book.update(quote("LP1", 108123, 108127, 100));

    Optional<AggregatedQuote> closed = book.aggregate(NOW, STALE_MS, false, 1);

    assertThat(closed).hasValueSatisfying(q -> {
      assertThat(q.status()).isEqualTo(QuoteStatus.CLOSED);
      assertThat(q.bid()).isEqualTo(108123L);
      assertThat(q.ask()).isEqualTo(108127L);
    });
  }

  @Test
  void closedTakesPrecedenceOverStale() {
    book.update(quote("LP1", 108123, 108127, 100));
    aggregateNow(1);

    AggregatedQuote q = book.aggregate(NOW + 3_600_000, STALE_MS, false, 2).orElseThrow();

    assertThat(q.status()).isEqualTo(QuoteStatus.CLOSED);
    assertThat(q.bid()).isEqualTo(108123L);
  }

  @Test
  void aCrossedAggregateIsReplacedByTheTightestSingleLp() {
    // LP1 lags: its bid 108130 is above LP2's ask 108126.
    book.update(quote("LP1", 108130, 108134, 100)); // spread 4
    book.update(quote("LP2", 108123, 108126, 100)); // spread 3: tightest
    book.update(quote("LP3", 108122, 108127, 100)); // spread 5

    AggregatedQuote q = aggregateNow(1);

    assertThat(q.bid()).isEqualTo(108123L);
    assertThat(q.ask()).isEqualTo(108126L);
    assertThat(q.bidLp()).isEqualTo("LP2");
    assertThat(q.askLp()).isEqualTo("LP2");
    assertThat(q.status()).isEqualTo(QuoteStatus.OK);
  }

  @Test
  void aLockedAggregateIsReplacedByTheTightestSingleLpWithTheUsualTieBreak() {
    book.update(quote("LP2", 108126, 108129, 100)); // bid equals LP1's ask: locked aggregate
    book.update(quote("LP1", 108123, 108126, 100)); // spread 3, same receive time, name sorts first

    AggregatedQuote q = aggregateNow(1);

    assertThat(q.bid()).isEqualTo(108123L);
    assertThat(q.ask()).isEqualTo(108126L);
    assertThat(q.bidLp()).isEqualTo("LP1");
  }

  @Test
  void anUpdateReplacesTheLpsPreviousQuote() {
    book.update(quote("LP1", 108123, 108127, 200));
    book.update(quote("LP1", 108110, 108112, 100));

    AggregatedQuote q = aggregateNow(1);

    assertThat(q.bid()).isEqualTo(108110L);
    assertThat(q.ask()).isEqualTo(108112L);
    assertThat(book.quoteOf("LP1")).map(LpQuote::bid).contains(108110L);
  }

  @Test
  void aRemovedLpNoLongerContributes() {
    book.update(quote("LP1", 108123, 108127, 100));
    book.update(quote("LP2", 108121, 108125, 100));

    book.remove("LP1");

    AggregatedQuote q = aggregateNow(1);
    assertThat(q.bidLp()).isEqualTo("LP2");
    assertThat(q.bid()).isEqualTo(108121L);
    assertThat(book.quoteOf("LP1")).isEmpty();
  }

  @Test
  void afterEveryLpIsRemovedTheLastPricesArePublishedAsStale() {
    book.update(quote("LP1", 108123, 108127, 100));
    aggregateNow(1);

    book.remove("LP1");

    AggregatedQuote q = aggregateNow(2);
    assertThat(q.status()).isEqualTo(QuoteStatus.STALE);
    assertThat(q.bid()).isEqualTo(108123L);
  }

  @Test
  void refusesQuotesOfAnotherSymbolOrThatFailQuoteCheck() {
    assertThatThrownBy(() -> book.update(new LpQuote("LP1", "GBPUSD", 1, 2, 0, 0)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GBPUSD");
    assertThatThrownBy(() -> book.update(quote("LP1", 108127, 108123, 100)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CROSSED");
    assertThatThrownBy(() -> book.update(quote("LP1", 108123, 108123, 100)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOCKED");
  }

  @Test
  void aggregatedQuoteCannotBeCrossedOrLocked() {
    assertThatThrownBy(() -> new AggregatedQuote("EURUSD", 108125, 108125, "LP1", "LP1", QuoteStatus.OK, 1, 0, 0))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
