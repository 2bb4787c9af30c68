package com.rtx.dealing;

import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.core.pricing.MarkupRule;
import com.rtx.core.pricing.QuoteStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Client quotes per profile are reused between batches, yet never outlive a quote change or a quote's freshness. */
class DealingQuotesTest {

  private static final MarkupProfile STANDARD = new MarkupProfile("standard", new MarkupRule(4, 4, 0), Map.of());

  private static AggregatedQuote quote(long bid, long engineTime) {
    return new AggregatedQuote("EURUSD", bid, bid + 2, "LP1", "LP1", QuoteStatus.OK, engineTime, engineTime, engineTime);
  }

  @Test
  void aCachedQuoteStillTurnsStaleOnTimeAndANewQuoteReplacesIt() {
    DealingQuotes quotes = new DealingQuotes(1_000);
    quotes.update(quote(110_000, 10_000));

    assertThat(quotes.forProfile(STANDARD, 10_500).get("EURUSD").bid()).isEqualTo(109_996);
    assertThat(quotes.forProfile(STANDARD, 11_000).get("EURUSD").status()).isEqualTo(QuoteStatus.OK);
    assertThat(quotes.forProfile(STANDARD, 11_001).get("EURUSD").status()).isEqualTo(QuoteStatus.STALE);

    quotes.update(quote(110_010, 11_500));
    AggregatedQuote fresh = quotes.forProfile(STANDARD, 11_600).get("EURUSD");
    assertThat(fresh.bid()).isEqualTo(110_006);
    assertThat(fresh.status()).isEqualTo(QuoteStatus.OK);
  }

  /** A markup wider than the price leaves no price at all: positions are then unvalued, never valued negative. */
  @Test
  void aMarkupThatTakesTheBidToZeroOrBelowLeavesTheSymbolUnpriced() {
    DealingQuotes quotes = new DealingQuotes(1_000);
    quotes.update(quote(110_000, 10_000));
    MarkupProfile absurd = new MarkupProfile("absurd", new MarkupRule(110_000, 0, 0), Map.of());

    assertThat(quotes.forProfile(absurd, 10_100).find("EURUSD")).isEmpty();
    assertThat(quotes.forProfile(STANDARD, 10_100).find("EURUSD")).isPresent();
  }
}
