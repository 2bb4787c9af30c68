package com.rtx.pricing;

import com.rtx.bus.QuoteMessages;
import com.rtx.core.market.AssetClass;
import com.rtx.core.market.Instrument;
import com.rtx.core.market.TradingSessions;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.LpQuote;
import com.rtx.core.pricing.Markup;
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.core.pricing.QuoteStatus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An LP's QuoteEntryIDs (299) from its market-data entries to the aggregated quote on the bus: each
 * side keeps the id of the quote that made it, through aggregation and the JSON codec, and a quote
 * written before ids existed still reads (as null ids).
 */
class QuoteIdsTest {

  private static final long NOON = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
  private static final Instrument EURUSD = new Instrument("EURUSD", "EUR", "USD", 5, new BigDecimal("100000"),
    new BigDecimal("0.0001"), new BigDecimal("0.01"), new BigDecimal("100"), new BigDecimal("0.01"), "EUR", BigDecimal.ONE,
    AssetClass.FX, TradingSessions.always(), BigDecimal.ZERO, BigDecimal.ZERO, DayOfWeek.WEDNESDAY, true);

  private final LpQuoteAssembler assembler = new LpQuoteAssembler();
  private final PriceEngine engine = new PriceEngine(Map.of("EURUSD", EURUSD), 3000, 50, Map.of(), 3);

  private List<LpQuote> apply(String lp, LpMarketDataSessions.Entry... entries) {
    return assembler.apply(lp, List.of(entries), NOON, NOON, Map.of("EURUSD", EURUSD));
  }

  @Test
  void eachSideKeepsTheIdOfTheQuoteThatMadeItAndANewPriceWithoutIdHasNone() {
    LpQuote first = apply("LP1", new LpMarketDataSessions.Entry("EURUSD", '0', "1.10000", "Q1B"),
      new LpMarketDataSessions.Entry("EURUSD", '1', "1.10020", "Q1A")).get(0);
    assertThat(first.bidQuoteId()).isEqualTo("Q1B");
    assertThat(first.askQuoteId()).isEqualTo("Q1A");

    LpQuote askMoved = apply("LP1", new LpMarketDataSessions.Entry("EURUSD", '1', "1.10021")).get(0);
    assertThat(askMoved.bidQuoteId()).as("the bid still stands on its quote").isEqualTo("Q1B");
    assertThat(askMoved.askQuoteId()).as("never the old ask's id on a new price").isNull();
  }

  @Test
  void theAggregatedQuoteNamesTheIdsOfTheBestBidAndBestAsk() {
    engine.onLpQuote(new LpQuote("LP1", "EURUSD", 110_000, 110_020, NOON, NOON, "L1B", "L1A"), NOON);
    AggregatedQuote best = engine.onLpQuote(new LpQuote("LP2", "EURUSD", 110_005, 110_025, NOON, NOON, "L2B", "L2A"),
      NOON).orElseThrow();

    assertThat(best.bidLp()).isEqualTo("LP2");
    assertThat(best.bidQuoteId()).isEqualTo("L2B");
    assertThat(best.askLp()).isEqualTo("LP1");
    assertThat(best.askQuoteId()).isEqualTo("L1A");

    AggregatedQuote requoted = engine.onLpQuote(new LpQuote("LP1", "EURUSD", 110_000, 110_020, NOON + 1, NOON + 1,
      "L1B'", "L1A'"), NOON + 1).orElseThrow();
    assertThat(requoted.askQuoteId()).as("same prices, new id: published, the old id may have expired").isEqualTo("L1A'");
    assertThat(engine.onLpQuote(new LpQuote("LP1", "EURUSD", 110_000, 110_020, NOON + 2, NOON + 2, "L1B'", "L1A'"),
      NOON + 2)).as("nothing new").isEmpty();

    AggregatedQuote marked = Markup.apply(MarkupProfile.zero("none"), requoted).withStatus(QuoteStatus.STALE);
    assertThat(marked.askQuoteId()).isEqualTo("L1A'");
  }

  @Test
  void theIdsSurviveTheBusAndRedisCodecAndOldMessagesReadAsNone() {
    AggregatedQuote quote = new AggregatedQuote("EURUSD", 110_005, 110_020, "LP2", "LP1", QuoteStatus.OK, 7, NOON, NOON + 1,
      "L2B", "L1A");

    JsonObject json = QuoteMessages.toJson(quote, EURUSD);
    assertThat(json.getString("bidQuoteId")).isEqualTo("L2B");
    assertThat(QuoteMessages.fromJson(new JsonObject(json.encode()), EURUSD)).isEqualTo(quote);

    AggregatedQuote noIds = new AggregatedQuote("EURUSD", 110_005, 110_020, "LP2", "LP1", QuoteStatus.OK, 7, NOON, NOON + 1);
    assertThat(QuoteMessages.toJson(noIds, EURUSD).fieldNames()).doesNotContain("bidQuoteId", "askQuoteId");
    JsonObject old = new JsonObject("{\"symbol\":\"EURUSD\",\"bid\":\"1.10005\",\"ask\":\"1.10020\",\"bidLp\":\"LP2\","
      + "\"askLp\":\"LP1\",\"status\":\"OK\",\"sequence\":7,\"lpTime\":" + NOON + ",\"engineTime\":" + (NOON + 1) + "}");
    assertThat(QuoteMessages.fromJson(old, EURUSD)).isEqualTo(noIds);
  }
}
