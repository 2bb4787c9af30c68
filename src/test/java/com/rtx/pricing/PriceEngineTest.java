package com.rtx.pricing;

import com.rtx.core.market.AssetClass;
import com.rtx.core.market.Instrument;
import com.rtx.core.market.TradingSessions;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.LpQuote;
import com.rtx.core.pricing.QuoteStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PriceEngineTest {

  /** Wednesday 2026-11-25 12:00 UTC: inside FX sessions. */
  private static final long NOON = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
  private static final long STALE_MS = 3000;

  private static Instrument eurusd(TradingSessions sessions) {
    return new Instrument("EURUSD", "EUR", "USD", 5, new BigDecimal("100000"), new BigDecimal("0.0001"),
      new BigDecimal("0.01"), new BigDecimal("100"), new BigDecimal("0.01"), "EUR", BigDecimal.ONE, AssetClass.FX,
      sessions, BigDecimal.ZERO, BigDecimal.ZERO, DayOfWeek.WEDNESDAY, true);
  }

  private final PriceEngine engine = new PriceEngine(Map.of("EURUSD", eurusd(TradingSessions.always())), STALE_MS,
    50, Map.of(), 3);

  private static LpQuote quote(String lp, long bid, long ask, long at) {
    return new LpQuote(lp, "EURUSD", bid, ask, at, at);
  }

  @Test
  void bestBidAndAskComeFromDifferentLpsAndAreNumberedInSequence() {
    engine.onLpQuote(quote("LP1", 108120, 108126, NOON), NOON);
    AggregatedQuote best = engine.onLpQuote(quote("LP2", 108122, 108128, NOON + 1), NOON + 1).orElseThrow();

    assertThat(best.bid()).isEqualTo(108122);
    assertThat(best.bidLp()).isEqualTo("LP2");
    assertThat(best.ask()).isEqualTo(108126);
    assertThat(best.askLp()).isEqualTo("LP1");
    assertThat(best.status()).isEqualTo(QuoteStatus.OK);
    assertThat(best.sequence()).isEqualTo(2);
  }

  @Test
  void crossedAndLockedQuotesAreDroppedAndCounted() {
    engine.onLpQuote(quote("LP1", 108120, 108126, NOON), NOON);

    assertThat(engine.onLpQuote(quote("LP1", 108130, 108126, NOON + 1), NOON + 1)).isEmpty();
    assertThat(engine.onLpQuote(quote("LP1", 108126, 108126, NOON + 2), NOON + 2)).isEmpty();
    assertThat(engine.filtered(PricingFilter.CROSSED)).isEqualTo(1);
    assertThat(engine.filtered(PricingFilter.LOCKED)).isEqualTo(1);
    assertThat(engine.lastPublished().get("EURUSD").bid()).isEqualTo(108120);
  }

  @Test
  void spikeIsHeldUntilConfirmedByFollowingTicks() {
    engine.onLpQuote(quote("LP1", 108120, 108126, NOON), NOON);
    // 50 bps of a 1.08123 mid is 541 points; 6000 points is far beyond it.
    long spike = 108120 + 6000;

    assertThat(engine.onLpQuote(quote("LP1", spike, spike + 6, NOON + 1), NOON + 1)).isEmpty();
    assertThat(engine.onLpQuote(quote("LP1", spike + 1, spike + 7, NOON + 2), NOON + 2)).isEmpty();
    assertThat(engine.onLpQuote(quote("LP1", spike + 2, spike + 8, NOON + 3), NOON + 3)).isEmpty();
    Optional<AggregatedQuote> confirmed = engine.onLpQuote(quote("LP1", spike + 1, spike + 7, NOON + 4), NOON + 4);

    assertThat(confirmed).map(AggregatedQuote::bid).contains(spike + 1);
    assertThat(engine.filtered(PricingFilter.SPIKE_HELD)).isEqualTo(3);
    assertThat(engine.filtered(PricingFilter.SPIKE_CONFIRMED)).isEqualTo(1);
  }

  @Test
  void oneOffSpikeIsDiscardedWhenPricesReturn() {
    engine.onLpQuote(quote("LP1", 108120, 108126, NOON), NOON);

    assertThat(engine.onLpQuote(quote("LP1", 118120, 118126, NOON + 1), NOON + 1)).isEmpty();
    Optional<AggregatedQuote> back = engine.onLpQuote(quote("LP1", 108121, 108127, NOON + 2), NOON + 2);

    assertThat(back).map(AggregatedQuote::bid).contains(108121L);
  }

  @Test
  void staleLpLeavesTheBookAndNoFreshLpMakesTheSymbolStale() {
    engine.onLpQuote(quote("LP1", 108120, 108126, NOON), NOON);
    engine.onLpQuote(quote("LP2", 108122, 108128, NOON + 2000), NOON + 2000);

    // At NOON + 3500 LP1 is stale (3.5 s old), LP2 is fresh: LP2 alone makes the price.
    AggregatedQuote lp2Only = engine.onTimer(NOON + 3500).get(0);
    assertThat(lp2Only.bidLp()).isEqualTo("LP2");
    assertThat(lp2Only.askLp()).isEqualTo("LP2");
    assertThat(engine.filtered(PricingFilter.STALE_LP)).isEqualTo(1);

    // At NOON + 5500 nobody is fresh: STALE.
    AggregatedQuote stale = engine.onTimer(NOON + 5500).get(0);
    assertThat(stale.status()).isEqualTo(QuoteStatus.STALE);
    assertThat(engine.filtered(PricingFilter.STALE_SYMBOL)).isEqualTo(1);
    assertThat(engine.onTimer(NOON + 6000)).as("no change, nothing published").isEmpty();

    // A fresh quote brings it back.
    assertThat(engine.onLpQuote(quote("LP1", 108121, 108127, NOON + 7000), NOON + 7000))
      .map(AggregatedQuote::status).contains(QuoteStatus.OK);
  }

  @Test
  void disconnectedLpLeavesEveryBookAtOnce() {
    engine.onLpQuote(quote("LP1", 108120, 108126, NOON), NOON);
    engine.onLpQuote(quote("LP2", 108119, 108127, NOON), NOON);

    AggregatedQuote after = engine.onLpDisconnected("LP1", NOON + 1).get(0);

    assertThat(after.bidLp()).isEqualTo("LP2");
    assertThat(after.bid()).isEqualTo(108119);
  }

  @Test
  void outsideTradingSessionsTheSymbolIsClosed() {
    PriceEngine weekend = new PriceEngine(Map.of("EURUSD", eurusd(TradingSessions.parse("MON 00:00-24:00"))),
      STALE_MS, 50, Map.of(), 3);

    AggregatedQuote closed = weekend.onLpQuote(quote("LP1", 108120, 108126, NOON), NOON).orElseThrow();

    assertThat(closed.status()).isEqualTo(QuoteStatus.CLOSED);
    assertThat(weekend.filtered(PricingFilter.CLOSED)).isEqualTo(1);
  }

  @Test
  void unknownSymbolIsCounted() {
    assertThat(engine.onLpQuote(new LpQuote("LP1", "XYZ", 1, 2, NOON, NOON), NOON)).isEmpty();
    assertThat(engine.filtered(PricingFilter.UNKNOWN_SYMBOL)).isEqualTo(1);
  }
}
